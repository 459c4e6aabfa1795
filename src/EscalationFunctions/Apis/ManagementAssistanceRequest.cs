using Escalations.Domain;

namespace EscalationFunctions.Apis;

public sealed record ManagementAssistanceRequest
{
    public required string SupervisorId { get; init; }
    public string? SupervisorName { get; init; }
    public required string Reason { get; init; }
    /// <summary>How the supervisor reached the Management Team, when not through this API: phone, chat or email.</summary>
    public Channel? Channel { get; init; }
}
