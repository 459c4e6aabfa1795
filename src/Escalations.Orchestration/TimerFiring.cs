using Escalations.Domain;

namespace Escalations.Orchestration;

/// <summary>The input of <see cref="EscalationTasks.FireTimer"/>: which escalation's timer came due, and when it was due.</summary>
public sealed record TimerFiring(string EscalationId, TimerKind Kind, string Token, DateTimeOffset DueAt);
