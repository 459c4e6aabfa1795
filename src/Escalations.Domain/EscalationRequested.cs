namespace Escalations.Domain;

/// <summary>A caller asked to speak to a supervisor (or made a disclosure that routes the call elsewhere).</summary>
public sealed record EscalationRequested(
    string ContactId,
    string AccountId,
    Agent Agent,
    RequestCategory Category,
    Disclosure? Disclosure = null,
    bool ServiceRequestInProgress = false,
    IReadOnlyCollection<ThreatKind>? Threats = null,
    string? CallbackPhone = null,
    string? Notes = null) : EscalationEvent;
