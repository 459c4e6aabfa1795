namespace Escalations.Runtime;

/// <summary>The notification port (email in this app). Throw <see cref="PermanentNotificationException"/> for failures no retry can fix.</summary>
public interface INotificationSender
{
    Task SendAsync(Notification notification, CancellationToken cancellationToken);
}
