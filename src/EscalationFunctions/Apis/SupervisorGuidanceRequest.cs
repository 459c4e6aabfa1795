using Escalations.Domain;

namespace EscalationFunctions.Apis;

public sealed record SupervisorGuidanceRequest
{
    /// <summary>The supervisor the agent asked for advice.</summary>
    public required string SupervisorId { get; init; }
    public string? SupervisorName { get; init; }
    /// <summary>How the agent reached the supervisor: phone, chat or email; the contact-center platform when not given.</summary>
    public Channel? Channel { get; init; }
    public string? Notes { get; init; }
}
