namespace Escalations.Domain;

public sealed record DeEscalationAttempted(bool Resolved, string? Notes = null) : EscalationEvent;
