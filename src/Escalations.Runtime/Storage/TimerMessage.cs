using Escalations.Domain;

namespace Escalations.Runtime.Storage;

/// <summary>A durable timer in flight: invisible on its queue until <see cref="DueAt"/>.</summary>
public sealed record TimerMessage(string EscalationId, TimerKind Kind, string Token, DateTimeOffset DueAt);
