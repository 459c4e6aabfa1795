using Escalations.Runtime;

namespace Escalations.Notifications;

/// <summary>
/// The embedded default notification sender: each notification becomes one .eml file in the pickup folder, named after its
/// idempotency key, so a retried send overwrites rather than duplicates. Open one with any mail client.
/// </summary>
public sealed class PickupDirectorySender(EmailOptions email, NotificationMessages messages) : INotificationSender
{
    public async Task<SentNotification> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var message = messages.Build(notification);
        Directory.CreateDirectory(email.PickupDirectory);
        var path = Path.Combine(email.PickupDirectory, NotificationMessages.FileSafe(notification.IdempotencyKey) + ".eml");
        var temp = path + ".tmp";
        await message.WriteToAsync(temp, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
        return messages.Sent(message, notification);
    }
}
