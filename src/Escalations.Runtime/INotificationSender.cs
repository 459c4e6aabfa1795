using Escalations.Domain;

namespace Escalations.Runtime;

/// <summary>
/// One notification to send. <see cref="IdempotencyKey"/> is the same on every retry, so a receiver that
/// dedupes (a stable Message-ID, say) never shows it twice. <see cref="Escalation"/> is the state that raised it.
/// </summary>
public sealed record Notification(string IdempotencyKey, NotificationKind Kind, Recipient To, Escalation Escalation);

/// <summary>The email port. Throw <see cref="PermanentNotificationException"/> for failures no retry can fix.</summary>
public interface INotificationSender
{
    Task SendAsync(Notification notification, CancellationToken cancellationToken);
}

/// <summary>A notification that can never be delivered (an unknown recipient, a rejected address): dead-lettered at once.</summary>
public sealed class PermanentNotificationException(string message, Exception? inner = null) : Exception(message, inner);
