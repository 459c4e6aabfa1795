namespace EscalationFunctions.Apis;

public sealed record DeEscalationRequest
{
    public required bool Resolved { get; init; }
    public string? Notes { get; init; }
}
