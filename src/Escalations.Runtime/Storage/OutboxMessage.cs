namespace Escalations.Runtime.Storage;

/// <summary>"Make sure this escalation's outbox is empty": the re-drive message enqueued before each commit.</summary>
public sealed record OutboxMessage(string EscalationId);
