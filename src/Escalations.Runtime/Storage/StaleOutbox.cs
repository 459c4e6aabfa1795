namespace Escalations.Runtime.Storage;

/// <summary>Escalations with outbox rows left pending past the sweep's grace, and when the oldest of those rows was created.</summary>
public sealed record StaleOutbox(IReadOnlyList<string> EscalationIds, DateTimeOffset? OldestCreatedAt);
