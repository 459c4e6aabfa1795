using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Escalations.Testing;

/// <summary>
/// A private Azurite (the Azure Storage emulator, from the repository's package.json) on free loopback ports,
/// with its own account and a random key, persisting to a temporary folder. Run `npm ci` first; ./test.sh does.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly string _location = Directory.CreateTempSubdirectory("azurite-").FullName;
    private readonly string _account = "esctest" + RandomNumberGenerator.GetHexString(6, lowercase: true);
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
    private readonly int _blobPort = TestStorage.FreePort(), _queuePort = TestStorage.FreePort(), _tablePort = TestStorage.FreePort();
    private Process? _process;

    public string ConnectionString => ConnectionStringVia(_queuePort, _tablePort);

    public int QueuePort => _queuePort;
    public int TablePort => _tablePort;

    /// <summary>A connection string that reaches the queue and table services through other ports (a relay).</summary>
    public string ConnectionStringVia(int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={_account};AccountKey={_key};" +
        $"BlobEndpoint=http://127.0.0.1:{_blobPort}/{_account};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{_account};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{_account};";

    public static async Task<AzuriteProcess> StartNewAsync()
    {
        var azurite = new AzuriteProcess();
        await azurite.StartAsync();
        return azurite;
    }

    public async Task StartAsync()
    {
        var executable = Path.Combine(RepositoryRoot(), "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
            throw new InvalidOperationException($"Azurite is not installed ({executable} is missing). Run `npm ci` at the repository root, or use ./test.sh, which does.");

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--location", _location,
            "--blobHost", "127.0.0.1", "--blobPort", $"{_blobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{_queuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{_tablePort}",
        })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AZURITE_ACCOUNTS"] = $"{_account}:{_key}";
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await Accepts(_queuePort) && await Accepts(_tablePort)))
        {
            if (_process.HasExited) throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}.");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Azurite did not open its ports within 60 s.");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Stops Azurite. Graceful: SIGTERM (it stops accepting connections), then at most 6 s for it to exit, which
    /// covers its 5-second save interval, then SIGKILL; otherwise killed at once, possibly losing its last 5 s of
    /// writes. Its data stays in its folder, so <see cref="StartAsync"/> brings it back.
    /// </summary>
    public async Task StopAsync(bool graceful = false)
    {
        if (_process is null) return;
        if (graceful && !_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(6));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EscalationFunctions.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (EscalationFunctions.sln).");
    }

    private static async Task<bool> Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
