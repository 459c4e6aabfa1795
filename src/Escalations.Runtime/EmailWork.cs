using Escalations.Domain;

namespace Escalations.Runtime;

public sealed record EmailWork(NotificationKind Kind, Recipient To, string IdempotencyKey, Escalation Snapshot);
