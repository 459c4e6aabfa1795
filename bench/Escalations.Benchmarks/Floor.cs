using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;

/// <summary>What Azurite itself does from this client: the ceiling every figure is compared with.</summary>
internal static class Floor
{
    public static async Task RunAsync(string connection)
    {
        var table = new TableClient(connection, "floor" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateAsync();
        var queue = new QueueClient(connection, "floor-" + Guid.NewGuid().ToString("N")[..8]);
        await queue.CreateAsync();
        const int n = 500;

        var sequential = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) await Batch(table, $"s{i}");
        sequential.Stop();
        var concurrent = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) => await Batch(table, $"c{i}"));
        concurrent.Stop();
        var queueOps = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            await queue.SendMessageAsync($"m{i}", ct);
            var received = await queue.ReceiveMessageAsync(cancellationToken: ct);
            if (received.Value is { } m) await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
        });
        queueOps.Stop();

        Report.Header("Azurite floor (same client, same machine)");
        Report.Row("single-partition 2-row batches/s, sequential", (n / sequential.Elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture));
        Report.Row("single-partition 2-row batches/s, 16 concurrent", (n / concurrent.Elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture));
        Report.Row("queue put+get+delete rounds/s, 16 concurrent", (n / queueOps.Elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture));
        Console.WriteLine();
    }

    private static Task Batch(TableClient table, string partition) => table.SubmitTransactionAsync(
    [
        new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, "a") { ["V"] = 1 }),
        new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, "b") { ["V"] = 2 }),
    ]);
}
