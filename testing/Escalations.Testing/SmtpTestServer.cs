using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Escalations.Testing;

/// <summary>
/// A real SMTP server on a loopback port, enough for MailKit: EHLO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
/// It can refuse recipients for good (550) or fail the data transiently (451), as real servers do; take a while
/// to accept each message (a remote relay), hold messages until released, and drop its open connections (an idle
/// timeout on the server's side).
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
    private TaskCompletionSource? _hold;
    private int _connections;

    public SmtpTestServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The app's settings that send to this server (plain SMTP, no STARTTLS), plus <paramref name="more"/>.</summary>
    public Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:UseStartTls"] = "false",
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }
    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    /// <summary>Recipients containing this text get "550 5.1.1".</summary>
    public string? RefuseRecipientsContaining { get; set; }

    private int _transientFailures;

    /// <summary>Connections accepted so far: one per SMTP session.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>How long the server takes to accept each message after its data (a remote relay's latency).</summary>
    public TimeSpan AcceptDelay { get; set; }

    /// <summary>Messages received but not yet accepted, while held or delayed.</summary>
    public int Pending => Volatile.Read(ref _pending);

    private int _pending;

    /// <summary>Holds every message after its data, unanswered, until the returned source is completed.</summary>
    public TaskCompletionSource Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Closes every open connection, as a server does with sessions idle past its timeout.</summary>
    public void DropConnections()
    {
        foreach (var client in _open.Keys)
        {
            _open.TryRemove(client, out _);
            client.Close();
        }
    }

    /// <summary>How many next messages get "451 4.3.0" after their data.</summary>
    public int TransientFailures
    {
        get => Volatile.Read(ref _transientFailures);
        set => Volatile.Write(ref _transientFailures, value);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _open[client] = 0;
            _ = Task.Run(async () =>
            {
                try
                {
                    await ServeAsync(client);
                }
                catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
                {
                    // The connection was dropped on purpose, or the client went away.
                }
                finally
                {
                    _open.TryRemove(client, out _);
                }
            });
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        string? from = null, user = null, password = null;
        var to = new List<string>();
        await writer.WriteLineAsync("220 localhost ESMTP test server");
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO":
                    await writer.WriteLineAsync("250-localhost");
                    await writer.WriteLineAsync("250-AUTH PLAIN");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "AUTH":
                    var parts = line.Split(' ');
                    var token = parts.Length > 2 ? parts[2] : null;
                    if (token is null)
                    {
                        await writer.WriteLineAsync("334 ");
                        token = await reader.ReadLineAsync();
                    }

                    var fields = Encoding.UTF8.GetString(Convert.FromBase64String(token!)).Split('\0');
                    (user, password) = (fields[1], fields[2]);
                    await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                    break;
                case "MAIL":
                    from = Address(line);
                    to.Clear();
                    await writer.WriteLineAsync("250 2.1.0 OK");
                    break;
                case "RCPT":
                    var recipient = Address(line);
                    if (RefuseRecipientsContaining is { } refused && recipient.Contains(refused, StringComparison.OrdinalIgnoreCase))
                    {
                        await writer.WriteLineAsync("550 5.1.1 No such user");
                    }
                    else
                    {
                        to.Add(recipient);
                        await writer.WriteLineAsync("250 2.1.5 OK");
                    }

                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    Interlocked.Increment(ref _pending);
                    if (_hold is { } hold) await hold.Task;
                    if (AcceptDelay > TimeSpan.Zero) await Task.Delay(AcceptDelay);
                    Interlocked.Decrement(ref _pending);
                    if (Interlocked.Decrement(ref _transientFailures) >= 0)
                    {
                        await writer.WriteLineAsync("451 4.3.0 Try again later");
                    }
                    else
                    {
                        Received.Enqueue(new ReceivedMail(from!, to.ToList(), data.ToString(), user, password));
                        await writer.WriteLineAsync("250 2.0.0 Queued");
                    }

                    break;
                case "RSET" or "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 5.5.1 Not implemented");
                    break;
            }
        }
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : "";
    }
}
