namespace Escalations.Domain;

/// <summary>A durable timer came due. Applied only while <see cref="Token"/> is still pending on the escalation.</summary>
public sealed record TimerElapsed(TimerKind Kind, string Token) : EscalationEvent;
