using Escalations.Domain;

namespace Escalations.Runtime;

public sealed record NotificationWork(NotificationKind Kind, Recipient To, string IdempotencyKey, Escalation Snapshot);
