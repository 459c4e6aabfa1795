using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Azure.Data.Tables;

namespace Escalations.Testing;

/// <summary>Settings and waiting shared by the storage-backed test harnesses.</summary>
public static class TestStorage
{
    /// <summary>A fresh name prefix, so each test has tables and queues of its own in the shared Azurite.</summary>
    public static string NewPrefix() => "t" + RandomNumberGenerator.GetHexString(10, lowercase: true);

    /// <summary>The runtime settings that point at a private set of tables and queues (the task hub's too), with fast polling.</summary>
    public static Dictionary<string, string?> Settings(string connectionString, string prefix) => new()
    {
        ["AzureWebJobsStorage"] = connectionString,
        ["Runtime:EscalationsTable"] = prefix + "Escalations",
        ["Runtime:AccountHistoryTable"] = prefix + "AccountHistory",
        ["Runtime:IndexTable"] = prefix + "Index",
        ["Runtime:DeadLetterTable"] = prefix + "DeadLetters",
        ["Runtime:ReportTable"] = prefix + "Report",
        ["Runtime:OutboxQueue"] = prefix + "-outbox",
        ["Runtime:PollInterval"] = "00:00:00.100",
        ["Runtime:DispatchGrace"] = "00:00:02",
        // The development host's task hub: its own queues and tables, and partitions owned by this app (and its restarts).
        ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = prefix + "hub",
        ["DevHost:TaskHub:WorkerId"] = prefix,
    };

    /// <summary>A loopback port nobody is listening on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Rows in a table, or only those whose row key starts with <paramref name="rowKeyPrefix"/> (outbox rows: "outbox|").</summary>
    public static async Task<int> CountRowsAsync(TableClient table, string? rowKeyPrefix = null)
    {
        var n = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["RowKey"]))
            if (rowKeyPrefix is null || row.RowKey.StartsWith(rowKeyPrefix, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>
    /// The least a test waits for an effect before it fails: the wait ends as soon as the effect is there, so a
    /// generous bound costs nothing on a quiet machine and keeps a busy CI machine (another build beside it) green.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Polls until the condition holds, or fails after the timeout (never less than <see cref="Patience"/>). For
    /// the few tests that run on real time: they wait for the effect they need, never for a fixed time.
    /// </summary>
    public static async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        if (timeout < Patience) timeout = Patience;
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout} waiting for: {what}");
            await Task.Delay(100);
        }
    }
}
