using System.Globalization;
using System.Text.Json.Nodes;
using Escalations.Runtime;
using Escalations.Runtime.Storage;

namespace EscalationFunctions.DevHost;

/// <summary>
/// The task hub the development host runs: <c>extensions.durableTask</c> of host.json, read as the Functions host
/// reads it, each value overridable the same way (<c>AzureFunctionsJobHost__extensions__durableTask__hubName</c>,
/// <c>…__storageProvider__maxQueuePollingInterval</c>); and what only this host has (<c>DevHost:TaskHub:…</c>): the
/// engine, the loopback port of its gRPC endpoint (0: a free one), and the worker id that owns partitions.
/// </summary>
public sealed record TaskHubSettings(
    string HubName,
    int PartitionCount,
    TimeSpan MaxQueuePollingInterval,
    TimeSpan ControlQueueVisibilityTimeout,
    TimeSpan WorkItemQueueVisibilityTimeout,
    int MaxConcurrentActivities,
    int MaxConcurrentOrchestrations,
    TaskHubEngine Engine,
    int Port,
    string WorkerId)
{
    private const string Override = "AzureFunctionsJobHost:extensions:durableTask";

    /// <summary>Reads the settings; each problem is added to <paramref name="problems"/>, or thrown at once when none is given.</summary>
    public static TaskHubSettings Read(IConfiguration configuration, string directory, ICollection<string>? problems = null)
    {
        var path = Path.Combine(directory, "host.json");
        var durable = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?["extensions"]?["durableTask"] : null;
        var found = new List<string>();

        // host.json's value at a path under durableTask, unless configuration overrides it as the Functions host allows.
        string? Value(string key)
        {
            var node = key.Split(':').Aggregate(durable, (n, part) => n?[part]);
            return configuration[$"{Override}:{key}"] ?? node?.ToString();
        }

        T Parse<T>(string key, T fallback, Func<string, T?> parse, Func<T, bool> valid, string rule) where T : struct
        {
            var text = Value(key);
            if (text is null) return fallback;
            if (parse(text) is { } value && valid(value)) return value;
            found.Add($"durableTask:{key} must be {rule} (was '{text}').");
            return fallback;
        }

        static TimeSpan? Duration(string s) => TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var t) ? t : null;
        static int? Number(string s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

        var hub = Value("hubName") ?? "EscalationsHub";
        // The provider's rule for a task hub name: its queues and tables are named after it.
        if (hub.Length is < 3 or > 45 || !char.IsAsciiLetter(hub[0]) || !hub.All(char.IsAsciiLetterOrDigit))
            found.Add($"durableTask:hubName must be 3-45 letters and digits, starting with a letter (was '{hub}').");
        var settings = new TaskHubSettings(
            hub,
            Parse("storageProvider:partitionCount", 4, Number, n => n is >= 1 and <= 16, "a whole number from 1 to 16"),
            Parse("storageProvider:maxQueuePollingInterval", TimeSpan.FromSeconds(1), Duration, t => t >= TimeSpan.FromMilliseconds(100), "a duration of at least 00:00:00.1"),
            Parse("storageProvider:controlQueueVisibilityTimeout", TimeSpan.FromMinutes(5), Duration, t => t >= TimeSpan.FromSeconds(5), "a duration of at least 5 seconds"),
            Parse("storageProvider:workItemQueueVisibilityTimeout", TimeSpan.FromMinutes(5), Duration, t => t >= TimeSpan.FromSeconds(5), "a duration of at least 5 seconds"),
            Parse("maxConcurrentActivityFunctions", 10, Number, n => n is >= 1 and <= 1000, "a whole number from 1 to 1000"),
            Parse("maxConcurrentOrchestratorFunctions", 100, Number, n => n is >= 1 and <= 1000, "a whole number from 1 to 1000"),
            TaskHubEngine.AzureStorage,
            0,
            configuration["DevHost:TaskHub:WorkerId"] is { Length: > 0 } worker ? worker : Environment.MachineName);

        var engine = configuration["DevHost:TaskHub:Engine"];
        if (engine is { Length: > 0 })
        {
            if (Enum.TryParse<TaskHubEngine>(engine, ignoreCase: true, out var chosen) && Enum.IsDefined(chosen)) settings = settings with { Engine = chosen };
            else found.Add($"DevHost:TaskHub:Engine must be AzureStorage or InMemory (was '{engine}').");
        }

        var port = configuration["DevHost:TaskHub:Port"];
        if (port is { Length: > 0 } && Number(port) is not (>= 0 and <= 65535))
            found.Add($"DevHost:TaskHub:Port must be a port number, or 0 for a free one (was '{port}').");
        else if (port is { Length: > 0 }) settings = settings with { Port = Number(port)!.Value };

        if (settings.Engine == TaskHubEngine.AzureStorage && StorageConnection.From(configuration).ConnectionString is null)
            found.Add("AzureWebJobsStorage must be a connection string for the development host's task hub (identity-based settings are for the Functions host in Azure).");

        if (problems is null) InvalidConfigurationException.ThrowIfAny(found);
        else foreach (var problem in found) problems.Add(problem);
        return settings;
    }
}
