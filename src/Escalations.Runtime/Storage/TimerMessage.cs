using Escalations.Domain;

namespace Escalations.Runtime.Storage;

/// <summary>
/// A durable timer in flight: invisible on its queue until <see cref="DueAt"/>. <see cref="TraceParent"/> is the span
/// that scheduled it (W3C <c>traceparent</c>), so its firing joins the escalation's trace; messages without it still work.
/// </summary>
public sealed record TimerMessage(string EscalationId, TimerKind Kind, string Token, DateTimeOffset DueAt, string? TraceParent = null);
