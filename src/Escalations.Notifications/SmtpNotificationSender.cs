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
/// message costs one SMTP transaction rather than connect + STARTTLS + AUTH. A reused connection the server has
/// dropped is replaced once, at once. A recipient or message the server refuses for good (5xx) is a permanent
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

    public async Task<SentNotification> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var message = _messages.Build(notification);
        using var lease = await _rate.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
            throw new IOException($"More than {_email.MaxPerMinute} emails a minute are waiting; this one is retried later.");

        await _connections.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var reused = TakeIdle();
            if (reused is not null)
            {
                try
                {
                    await reused.Client.SendAsync(message, cancellationToken).ConfigureAwait(false);
                    Return(reused);
                    return _messages.Sent(message, notification);
                }
                catch (Exception ex) when (IsDropped(ex) && !cancellationToken.IsCancellationRequested)
                {
                    // The server closed the connection while it sat idle: nothing was accepted, so send on a new one.
                    reused.Dispose();
                }
                catch (Exception ex)
                {
                    reused.Dispose();
                    throw Classify(ex);
                }
            }

            var fresh = new Connection(new SmtpClient { Timeout = (int)_email.Smtp.Timeout.TotalMilliseconds });
            try
            {
                await OpenAsync(fresh.Client, cancellationToken).ConfigureAwait(false);
                await fresh.Client.SendAsync(message, cancellationToken).ConfigureAwait(false);
                Return(fresh);
                return _messages.Sent(message, notification);
            }
            catch (Exception ex)
            {
                fresh.Dispose();
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
        while (_idle.TryTake(out var connection)) connection.Dispose();
        _rate.Dispose();
        _connections.Dispose();
    }

    private async Task OpenAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        var smtp = _email.Smtp;
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(smtp.Username))
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _opened);
    }

    /// <summary>An idle connection still fit to use; stale ones are closed on the way.</summary>
    private Connection? TakeIdle()
    {
        while (_idle.TryTake(out var connection))
        {
            if (connection.Client.IsConnected && _time.GetUtcNow() - connection.LastUsed < _email.Smtp.IdleTimeout) return connection;
            connection.Dispose();
        }

        return null;
    }

    private void Return(Connection connection)
    {
        connection.LastUsed = _time.GetUtcNow();
        _idle.Add(connection);
    }

    private static bool IsDropped(Exception ex) => ex is ServiceNotConnectedException or IOException or SocketException
        || (ex is SmtpProtocolException) || (ex is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable });

    private Exception Classify(Exception ex) => ex switch
    {
        SmtpCommandException c when (int)c.StatusCode >= 500 && c.ErrorCode is not SmtpErrorCode.UnexpectedStatusCode =>
            new PermanentNotificationException($"The SMTP server refused the message ({(int)c.StatusCode} {c.ErrorCode}): {c.Message}", c),
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
