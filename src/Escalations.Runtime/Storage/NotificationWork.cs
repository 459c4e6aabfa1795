using Escalations.Domain;

namespace Escalations.Runtime.Storage;

public sealed record NotificationWork(NotificationKind Kind, Recipient To, string IdempotencyKey, Escalation Snapshot);
