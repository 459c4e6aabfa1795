namespace Escalations.Runtime;

/// <summary>The email port. Throw <see cref="PermanentNotificationException"/> for failures no retry can fix.</summary>
public interface INotificationSender
{
    Task SendAsync(Notification notification, CancellationToken cancellationToken);
}
