using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Escalations.Runtime;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Escalations.Notifications;

/// <summary>
/// Sends notifications over SMTP with MailKit; in Azure, through Azure Communication Services' SMTP relay.
/// Authenticated connections are kept open and reused for the next message (at most
/// <see cref="SmtpOptions.MaxConnections"/>, each closed after <see cref="SmtpOptions.IdleTimeout"/> unused), so a
/// message costs one SMTP transaction rather than connect + STARTTLS + AUTH. A reused connection is checked with a
/// NOOP first, and one the server has dropped is replaced before the message is sent. A recipient or message the server refuses for good (5xx) is a permanent
/// failure, dead-lettered with the server's reply; anything else (connection, timeout, 4xx, authentication) is
/// retried by the dispatcher. Only the dispatcher calls this, off the request path, so the send-rate limit never
/// holds up a caller.
/// </summary>
public sealed class SmtpNotificationSender : INotificationSender, IDisposable
{
    private readonly EmailOptions _email;
    private readonly NotificationMessages _messages;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _connections;
    private readonly ConcurrentBag<Connection> _idle = [];

    // A sliding minute with a queue: bursts (several notifications to one recipient at once) wait, they do not fail.
    private readonly SlidingWindowRateLimiter _rate;

    public SmtpNotificationSender(EmailOptions email, NotificationMessages messages, TimeProvider? time = null)
    {
        _email = email;
        _messages = messages;
        _time = time ?? TimeProvider.System;
        _connections = new SemaphoreSlim(email.Smtp.MaxConnections, email.Smtp.MaxConnections);
        _rate = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = email.MaxPerMinute,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = email.MaxPerMinute * 2,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>SMTP sessions opened so far (connect, STARTTLS, AUTH): fewer than messages sent while connections are reused.</summary>
    public int ConnectionsOpened => Volatile.Read(ref _opened);

    private int _opened;
    private volatile bool _disposed;

    public async Task<SentNotification> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var message = _messages.Build(notification);
        using var lease = await _rate.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
            throw new IOException($"More than {_email.MaxPerMinute} emails a minute are waiting; this one is retried later.");

        await _connections.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await ReusableAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                connection ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
                await connection.Client.SendAsync(message, cancellationToken).ConfigureAwait(false);
                Return(connection);
                return _messages.Sent(message, notification);
            }
            catch (Exception ex)
            {
                // Whether the relay took the message is unknown: the dispatcher's retry decides, never a silent re-send.
                connection?.Dispose();
                throw Classify(ex);
            }
        }
        finally
        {
            _connections.Release();
        }
    }

    public void Dispose()
    {
        // The connection semaphore is left undisposed: a send finishing during shutdown still releases it.
        _disposed = true;
        while (_idle.TryTake(out var connection)) connection.Dispose();
        _rate.Dispose();
    }

    private async Task<Connection> OpenAsync(CancellationToken cancellationToken)
    {
        var smtp = _email.Smtp;
        var connection = new Connection(new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds });
        try
        {
            await connection.Client.ConnectAsync(smtp.Host!, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(smtp.Username))
                await connection.Client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        Interlocked.Increment(ref _opened);
        return connection;
    }

    /// <summary>
    /// An idle connection that still answers (a NOOP before the message, so a session the server dropped is found
    /// before anything is sent on it); stale and dead ones are closed on the way.
    /// </summary>
    private async Task<Connection?> ReusableAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var connection))
        {
            if (connection.Client.IsConnected && _time.GetUtcNow() - connection.LastUsed < _email.Smtp.IdleTimeout)
            {
                try
                {
                    await connection.Client.NoOpAsync(cancellationToken).ConfigureAwait(false);
                    return connection;
                }
                catch (Exception ex) when (ex is IOException or SocketException or ProtocolException or ServiceNotConnectedException or SmtpCommandException)
                {
                }
            }

            connection.Dispose();
        }

        return null;
    }

    private void Return(Connection connection)
    {
        connection.LastUsed = _time.GetUtcNow();
        _idle.Add(connection);
        // Disposed meanwhile (the app is stopping): close it rather than leave it in a pool nobody empties.
        if (_disposed && _idle.TryTake(out var left)) left.Dispose();
    }

    private Exception Classify(Exception ex) => ex switch
    {
        SmtpCommandException c when (int)c.StatusCode >= 500 && c.ErrorCode is not SmtpErrorCode.UnexpectedStatusCode =>
            new PermanentEffectException($"The SMTP server refused the message ({(int)c.StatusCode} {c.ErrorCode}): {c.Message}", c),
        SocketException or ServiceNotConnectedException or ProtocolException =>
            new IOException($"SMTP server {_email.Smtp.Host}:{_email.Smtp.Port} could not be reached or dropped the connection.", ex),
        _ => ex,
    };

    /// <summary>One open, authenticated SMTP session.</summary>
    private sealed class Connection(SmtpClient client) : IDisposable
    {
        public SmtpClient Client { get; } = client;

        public DateTimeOffset LastUsed { get; set; }

        public void Dispose()
        {
            try
            {
                // Close the socket without a QUIT round trip: a connection being dropped is usually dead already.
                if (Client.IsConnected) Client.Disconnect(quit: false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ProtocolException or ServiceNotConnectedException or SmtpCommandException)
            {
            }

            Client.Dispose();
        }
    }
}
