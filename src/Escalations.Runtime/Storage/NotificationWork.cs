using Escalations.Domain;

namespace Escalations.Runtime.Storage;

/// <summary>An outbox row's notification; <see cref="HistorySequence"/> is its history entry (-1 in rows written before it was kept).</summary>
public sealed record NotificationWork(NotificationKind Kind, Recipient To, string IdempotencyKey, Escalation Snapshot, int HistorySequence = -1);
