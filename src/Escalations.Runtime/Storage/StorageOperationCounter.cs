using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Escalations.Runtime.Storage;

/// <summary>
/// Counts every request the storage clients send (retries included), by kind such as <c>table.batch</c> or
/// <c>queue.put</c>, so a benchmark can print storage operations per escalation; the same count feeds the
/// <c>escalations.storage.operations</c> metric, and each request is a client span named by its kind (never by its
/// URL, whose keys can be account ids). Untraced (<paramref name="traced"/> false), it only counts: for a client
/// whose requests are not the app's work (the development host's task hub, polling its queues).
/// </summary>
public sealed class StorageOperationCounter(EscalationTelemetry? telemetry = null, bool traced = true)
{
    private static readonly AsyncLocal<StorageCallLog?> CurrentLog = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RequestStorageStats> _requests = new(StringComparer.Ordinal);
    private readonly EscalationTelemetry? _telemetry = telemetry;
    private readonly bool _traced = traced;

    /// <summary>Starts recording the storage calls made from this async flow (one request) into a new log.</summary>
    public static StorageCallLog BeginLog()
    {
        var log = new StorageCallLog();
        CurrentLog.Value = log;
        return log;
    }

    /// <summary>Adds one request's log to the figures of the function that served it.</summary>
    public void RecordRequest(string function, StorageCallLog log) =>
        _requests.AddOrUpdate(function, _ => new RequestStorageStats(0, 0, 0, 0).Add(log), (_, stats) => stats.Add(log));

    /// <summary>Storage calls awaited before the answer, by HTTP function.</summary>
    public IReadOnlyDictionary<string, RequestStorageStats> RequestSnapshot() =>
        new SortedDictionary<string, RequestStorageStats>(_requests, StringComparer.Ordinal);

    public HttpPipelinePolicy ForTables() => new Policy(this, "table");

    public HttpPipelinePolicy ForQueues() => new Policy(this, "queue");

    public HttpPipelinePolicy ForBlobs() => new Policy(this, "blob");

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);

    public long Total => _counts.Values.Sum();

    public void Reset()
    {
        _counts.Clear();
        _requests.Clear();
    }

    internal static string Classify(string service, RequestMethod method, Uri uri)
    {
        var path = uri.AbsolutePath;
        var query = uri.Query;
        if (service == "blob") return "blob." + method.Method.ToLowerInvariant();
        if (service == "table")
        {
            if (path.EndsWith("/$batch", StringComparison.Ordinal)) return "table.batch";
            if (path.EndsWith("/Tables", StringComparison.Ordinal) || path.Contains("/Tables(", StringComparison.Ordinal)) return "table.admin";
            var pointRead = path.Contains("(PartitionKey=", StringComparison.Ordinal);
            return method.Method switch
            {
                "GET" => pointRead ? "table.get" : "table.query",
                "POST" => "table.insert",
                "PUT" or "MERGE" or "PATCH" => "table.upsert",
                "DELETE" => "table.delete",
                _ => "table.other",
            };
        }

        if (!path.EndsWith("/messages", StringComparison.Ordinal) && !path.Contains("/messages/", StringComparison.Ordinal))
            return "queue.admin";
        return method.Method switch
        {
            "POST" => "queue.put",
            "GET" when query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) => "queue.peek",
            "GET" => "queue.get",
            "PUT" => "queue.update",
            "DELETE" => "queue.delete",
            _ => "queue.other",
        };
    }

    private sealed class Policy(StorageOperationCounter counter, string service) : HttpPipelinePolicy
    {
        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var kind = Count(message);
            var start = StorageCallLog.Now();
            using var span = counter._traced ? Start(kind) : null;
            try
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            finally
            {
                CurrentLog.Value?.Add(kind, start, StorageCallLog.Now());
                Stop(span, message);
            }
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var kind = Count(message);
            var start = StorageCallLog.Now();
            using var span = counter._traced ? Start(kind) : null;
            try
            {
                ProcessNext(message, pipeline);
            }
            finally
            {
                CurrentLog.Value?.Add(kind, start, StorageCallLog.Now());
                Stop(span, message);
            }
        }

        private string Count(HttpMessage message)
        {
            var kind = Classify(service, message.Request.Method, message.Request.Uri.ToUri());
            counter._counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
            counter._telemetry?.StorageOperation(kind);
            return kind;
        }

        /// <summary>A client span per request, named by its kind; null (no cost) when nobody listens.</summary>
        private static Activity? Start(string kind)
        {
            var span = EscalationTelemetry.Source.StartActivity(kind, ActivityKind.Client);
            span?.SetTag("storage.operation", kind);
            return span;
        }

        private static void Stop(Activity? span, HttpMessage message)
        {
            if (span is null) return;
            var status = message.HasResponse ? message.Response.Status : 0;
            span.SetTag("http.response.status_code", status);
            // 404 and 412 are answers the runtime expects (absent rows, lost races), not failures.
            if (status is 0 or >= 500) span.SetStatus(ActivityStatusCode.Error);
        }
    }
}
