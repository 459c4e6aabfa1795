using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Escalations.Runtime;

/// <summary>
/// Counts every request the storage clients send (retries included), by kind such as <c>table.batch</c> or
/// <c>queue.put</c>, so a benchmark can print storage operations per escalation.
/// </summary>
public sealed class StorageOperationCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public HttpPipelinePolicy ForTables() => new Policy(this, "table");

    public HttpPipelinePolicy ForQueues() => new Policy(this, "queue");

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);

    public long Total => _counts.Values.Sum();

    public void Reset() => _counts.Clear();

    internal static string Classify(string service, RequestMethod method, Uri uri)
    {
        var path = uri.AbsolutePath;
        var query = uri.Query;
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

    private sealed class Policy(StorageOperationCounter counter, string service) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            var kind = Classify(service, message.Request.Method, message.Request.Uri.ToUri());
            counter._counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
        }
    }
}
