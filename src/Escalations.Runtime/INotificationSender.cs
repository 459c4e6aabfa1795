namespace Escalations.Runtime;

/// <summary>
/// The notification port (email in this app): sends, and says to whom it actually went. Throw
/// <see cref="PermanentEffectException"/> for failures no retry can fix.
/// </summary>
public interface INotificationSender
{
    Task<SentNotification> SendAsync(Notification notification, CancellationToken cancellationToken);
}
