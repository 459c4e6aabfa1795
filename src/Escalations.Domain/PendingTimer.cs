namespace Escalations.Domain;

/// <summary>A durable timer the escalation is waiting on.</summary>
public sealed record PendingTimer(TimerKind Kind, string Token, DateTimeOffset DueAt);
