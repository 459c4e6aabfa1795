using Escalations.Domain;

namespace Escalations.Orchestration;

/// <summary>The input of <see cref="EscalationTasks.FireTimer"/>: which escalation's timer came due, and the escalation's trace.</summary>
public sealed record TimerFiring(string EscalationId, PendingTimer Timer, string? TraceParent = null);
