using System.Globalization;
using Escalations.Testing;

// Usage: dotnet run -c Release --project bench/Escalations.Benchmarks -- [lifecycles ...]   (default: 1000 10000)
//        dotnet run -c Release --project bench/Escalations.Benchmarks -- calls             (Azurite's floor and the platform-call section only)
// Every run prints Azurite's floor, then the platform-call section (PlatformCalls: latency of the platform's calls
// with emails sent over SMTP to a local relay that takes BENCH_RELAY_DELAY_MS per message, default 1000; a burst of
// 100 no-supervisor-available calls, or BENCH_BURST; BENCH_SKIP_CALLS=1 leaves it out), then N full lifecycles for each size. A first size under 100 is the CI smoke:
// the platform-call section then uses a burst of 20, a 100 ms relay and fewer samples.
var callsOnly = args is ["calls"];
var sizes = callsOnly ? [] : args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1000, 10000];
var smoke = sizes.Length > 0 && sizes[0] < 100;
var relayDelay = Environment.GetEnvironmentVariable("BENCH_RELAY_DELAY_MS") is { Length: > 0 } ms
    ? TimeSpan.FromMilliseconds(int.Parse(ms, CultureInfo.InvariantCulture))
    : TimeSpan.FromMilliseconds(smoke ? 100 : 1000);
await using var azurite = await AzuriteProcess.StartNewAsync();
Console.WriteLine($"EscalationFunctions benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, Azurite on loopback");
Console.WriteLine();
await Floor.RunAsync(azurite.ConnectionString);
if (Environment.GetEnvironmentVariable("BENCH_SKIP_CALLS") != "1") await PlatformCalls.RunAsync(azurite.ConnectionString, relayDelay, smoke);
foreach (var n in sizes) await Lifecycles.RunAsync(azurite.ConnectionString, n);
