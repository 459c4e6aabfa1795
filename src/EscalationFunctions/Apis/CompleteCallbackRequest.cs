namespace EscalationFunctions.Apis;

public sealed record CompleteCallbackRequest
{
    public required string SupervisorId { get; init; }
    public string? SupervisorName { get; init; }
    public required bool Resolved { get; init; }
    public string? Notes { get; init; }
}
