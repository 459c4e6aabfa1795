using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Escalations.Runtime.Storage;

/// <summary>
/// The table and queue clients the runtime uses, built once and shared (they are thread-safe). Only the runtime's
/// storage classes use them: the rest of the app goes through the store, the queues and the read models. Queue messages are
/// Base64-encoded, which is what the Functions queue trigger expects by default.
/// </summary>
public sealed class StorageClients
{
    public StorageClients(string connectionString, RuntimeOptions options, StorageOperationCounter? counter = null)
        : this(StorageConnection.FromConnectionString(connectionString), options, counter)
    {
    }

    public StorageClients(StorageConnection connection, RuntimeOptions options, StorageOperationCounter? counter = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Counter = counter ?? new StorageOperationCounter();

        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(Counter.ForTables(), HttpPipelinePosition.PerRetry);
        Limit(tableOptions.Retry, options.StorageTimeout);
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(Counter.ForQueues(), HttpPipelinePosition.PerRetry);
        Limit(queueOptions.Retry, options.StorageTimeout);

        var tables = connection.ConnectionString is { } cs
            ? new TableServiceClient(cs, tableOptions)
            : new TableServiceClient(connection.TableServiceUri!, connection.Credential!, tableOptions);
        var queues = connection.ConnectionString is { } qcs
            ? new QueueServiceClient(qcs, queueOptions)
            : new QueueServiceClient(connection.QueueServiceUri!, connection.Credential!, queueOptions);
        Escalations = tables.GetTableClient(options.EscalationsTable);
        AccountHistory = tables.GetTableClient(options.AccountHistoryTable);
        Index = tables.GetTableClient(options.IndexTable);
        DeadLetters = tables.GetTableClient(options.DeadLetterTable);
        Report = tables.GetTableClient(options.ReportTable);
        Outbox = queues.GetQueueClient(options.OutboxQueue);
    }

    public StorageOperationCounter Counter { get; }
    internal TableClient Escalations { get; }
    internal TableClient AccountHistory { get; }
    internal TableClient Index { get; }
    internal TableClient DeadLetters { get; }
    internal TableClient Report { get; }
    internal QueueClient Outbox { get; }

    /// <summary>Creates the tables and queues that do not exist yet. Idempotent; run once at start-up.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(
            Escalations.CreateIfNotExistsAsync(cancellationToken),
            AccountHistory.CreateIfNotExistsAsync(cancellationToken),
            Index.CreateIfNotExistsAsync(cancellationToken),
            DeadLetters.CreateIfNotExistsAsync(cancellationToken),
            Report.CreateIfNotExistsAsync(cancellationToken),
            Outbox.CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Fail fast when storage is down: a caller on the phone should hear an error in seconds, not minutes.</summary>
    private static void Limit(RetryOptions retry, TimeSpan timeout)
    {
        retry.MaxRetries = 2;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(2);
        retry.NetworkTimeout = timeout;
    }
}
