using Escalations.Domain;

namespace EscalationFunctions.Apis;

public sealed record StartEscalationRequest
{
    public required string ContactId { get; init; }
    public required string AccountId { get; init; }
    public required AgentBody Agent { get; init; }
    public required RequestCategory Category { get; init; }
    public Disclosure? Disclosure { get; init; }
    public bool ServiceRequestInProgress { get; init; }
    public IReadOnlyList<ThreatKind>? Threats { get; init; }
    public string? CallbackPhone { get; init; }
    public string? Notes { get; init; }
}
