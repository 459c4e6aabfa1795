using Escalations.Domain;

namespace Escalations.Runtime;

/// <summary>
/// One notification to send. <see cref="IdempotencyKey"/> is the same on every retry, so a receiver that
/// dedupes (a stable Message-ID, say) never shows it twice. <see cref="Escalation"/> is the state that raised it.
/// </summary>
public sealed record Notification(string IdempotencyKey, NotificationKind Kind, Recipient To, Escalation Escalation);
