using System.Net;
using System.Net.Sockets;

namespace Escalations.Testing;

/// <summary>
/// Forwards a loopback port to another one and can cut every connection, as a storage outage looks to a client:
/// connections reset, new ones refused. <see cref="Restore"/> listens on the same port again. With a
/// <see cref="Latency"/>, every chunk it forwards waits that long first (up to twice that, at random), as a slow or
/// busy storage account answers.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly int _target;
    private readonly object _gate = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    public TcpRelay(int target)
    {
        _target = target;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public int Port { get; }

    /// <summary>How long each forwarded chunk is held, at least (zero: none).</summary>
    public TimeSpan Latency { get; set; }

    public void Restore()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _accepting = AcceptAsync(listener);
    }

    public void Cut()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open)
            {
                // A pump may have closed this connection already; a reset (linger 0) is what an outage looks like.
                try
                {
                    if (client.Client is { } socket) socket.LingerState = new LingerOption(true, 0);
                }
                catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
                {
                }

                client.Dispose();
            }

            _open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        await _accepting.ConfigureAwait(false);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _target).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }

            lock (_gate)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }

            _ = PumpAsync(inbound, outbound, this);
            _ = PumpAsync(outbound, inbound, this);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, TcpRelay relay)
    {
        try
        {
            var source = from.GetStream();
            var target = to.GetStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                if (relay.Latency > TimeSpan.Zero)
                    await Task.Delay(relay.Latency * (1 + Random.Shared.NextDouble())).ConfigureAwait(false);
                await target.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
        }
        finally
        {
            to.Dispose();
            from.Dispose();
        }
    }
}
