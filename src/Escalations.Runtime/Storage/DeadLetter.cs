namespace Escalations.Runtime.Storage;

/// <summary>
/// Work that failed for good, with the reason: an outbox effect (<see cref="Source"/> "outbox", keyed by escalation
/// and outbox row) or a queue message no handler could take (<see cref="Source"/> the queue's name, keyed by
/// <c>queue-&lt;name&gt;</c> and message id).
/// </summary>
public sealed record DeadLetter(string PartitionKey, string RowKey, string Source, string? Kind, string Payload, int Attempts, string Reason, DateTimeOffset DeadLetteredAt);
