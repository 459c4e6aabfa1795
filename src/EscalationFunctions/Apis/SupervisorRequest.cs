namespace EscalationFunctions.Apis;

public sealed record SupervisorRequest
{
    public required string SupervisorId { get; init; }
    public string? SupervisorName { get; init; }
}
