namespace EscalationFunctions.Apis;

public sealed record NoSupervisorRequest
{
    public string? Notes { get; init; }
}
