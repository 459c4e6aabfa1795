namespace Escalations.Runtime.Storage;

/// <summary>
/// W3C <c>traceparent</c> values a commit stores: <see cref="Escalation"/> on the state row (the trace its intake
/// started, kept for the escalation's life) and <see cref="Effects"/> on each outbox row (the span its effects continue).
/// Either may be null: rows stored without them still work, they just start traces of their own.
/// </summary>
public sealed record TraceParents(string? Escalation, string? Effects);
