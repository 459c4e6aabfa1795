namespace Escalations.Domain;

/// <summary>A timer no longer wanted. Its message may still arrive; the stale token makes it a no-op.</summary>
public sealed record TimerCancelled(TimerKind Kind, string Token) : Effect;
