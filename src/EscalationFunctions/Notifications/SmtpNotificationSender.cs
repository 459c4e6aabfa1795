using System.Net.Sockets;
using System.Threading.RateLimiting;
using Escalations.Runtime;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace EscalationFunctions.Notifications;

/// <summary>
/// Sends notifications over SMTP with MailKit; in Azure, through Azure Communication Services' SMTP relay.
/// A recipient or message the server refuses for good (5xx) is a permanent failure, dead-lettered with the
/// server's reply; anything else (connection, timeout, 4xx, authentication) is retried by the dispatcher.
/// </summary>
public sealed class SmtpNotificationSender(EmailOptions email, NotificationMessages messages) : INotificationSender, IDisposable
{
    // A sliding minute with a queue: bursts (several notifications to one recipient at once) wait, they do not fail.
    private readonly SlidingWindowRateLimiter _rate = new(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = email.MaxPerMinute,
        Window = TimeSpan.FromMinutes(1),
        SegmentsPerWindow = 6,
        QueueLimit = email.MaxPerMinute * 2,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public void Dispose() => _rate.Dispose();

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var message = messages.Build(notification);
        using var lease = await _rate.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
            throw new IOException($"More than {email.MaxPerMinute} emails a minute are waiting; this one is retried later.");

        var smtp = email.Smtp;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(smtp.Username))
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken).ConfigureAwait(false);
            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500 && ex.ErrorCode is not SmtpErrorCode.UnexpectedStatusCode)
        {
            throw new PermanentNotificationException($"The SMTP server refused the message ({(int)ex.StatusCode} {ex.ErrorCode}): {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is SocketException or ServiceNotConnectedException or ProtocolException)
        {
            throw new IOException($"SMTP server {smtp.Host}:{smtp.Port} could not be reached or dropped the connection.", ex);
        }
    }
}
