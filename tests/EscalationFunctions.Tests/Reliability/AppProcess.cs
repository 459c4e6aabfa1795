using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace EscalationFunctions.Tests.Reliability;

/// <summary>
/// The app as a separate operating-system process (the development host's build output, src/EscalationFunctions.DevHost,
/// run with `dotnet`), on a fixed loopback port so it can be killed with SIGKILL and started again at the same address.
/// Settings are passed as environment variables, as on a real host. Every line it prints is kept.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _settings;
    private Process? _process;

    public AppProcess(IDictionary<string, string?> settings)
    {
        Port = TestStorage.FreePort();
        _settings = settings.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value!);
        _settings["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        _settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        _settings["DOTNET_NOLOGO"] = "1";
    }

    /// <summary>
    /// What an app process needs to start in Production over a test's own tables, queues and task hub: real-looking
    /// routing addresses, emails as files in <paramref name="mailDirectory"/>, and warnings only in its output.
    /// </summary>
    public static Dictionary<string, string?> Settings(string connectionString, string prefix, string mailDirectory)
    {
        var settings = TestStorage.Settings(connectionString, prefix);
        settings["Email:PickupDirectory"] = mailDirectory;
        settings["Routing:ManagementTeam:0"] = "management@escalations.test";
        settings["Routing:InHouseSupervisors:0"] = "supervisors@escalations.test";
        settings["Routing:Vendors:Acme:Supervisors:0"] = "acme-sups@escalations.test";
        settings["Logging:LogLevel:Default"] = "Warning";
        return settings;
    }

    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public int Starts { get; private set; }
    public int Kills { get; private set; }

    /// <summary>Every line the app wrote to stdout and stderr, across all its lives.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    /// <summary>The development host's build output (the function app beside it), in the same configuration as this test assembly.</summary>
    public static string AppAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(AzuriteProcess.RepositoryRoot(), "src", "EscalationFunctions.DevHost", "bin", configuration, "net10.0", "EscalationFunctions.DevHost.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build src/EscalationFunctions.DevHost first: {path} is missing.", path);
    }

    /// <summary>Starts the process and waits until it answers its health check.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("The app is already running.");
        var assembly = AppAssembly();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var (key, value) in _settings) start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TestStorage.Patience);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The app exited with code {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, Output.TakeLast(40))}");
            try
            {
                using var health = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (health.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException("The app did not answer its health check in time.");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, whatever was in flight is cut off.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            Kills++;
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}
