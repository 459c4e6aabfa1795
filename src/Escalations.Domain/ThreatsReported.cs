namespace Escalations.Domain;

public sealed record ThreatsReported(IReadOnlyCollection<ThreatKind> Kinds) : EscalationEvent;
