using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using Escalations.Runtime.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Options;

namespace EscalationFunctions.DevHost;

/// <summary>
/// The task hub of the development host: Durable Functions' Azure Storage provider on the app's storage account,
/// served over the Durable Task gRPC protocol on a loopback HTTP/2 port of its own, where the app's Durable Task
/// worker and client connect. Started before the worker, stopped after it.
/// </summary>
public sealed partial class LocalTaskHub(TaskHubSettings settings, string connectionString, ILoggerFactory loggers, ILogger<LocalTaskHub> logger)
    : IHostedService, IAsyncDisposable
{
    /// <summary>How long stopping waits for the provider to let go of its partitions; past it, their leases run out on their own.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly StartOnlyLifetime _lifetime = new();
    private AzureStorageOrchestrationService? _service;
    private IHost? _server;
    private bool _started;

    /// <summary>The storage requests the task hub has sent: its history, instances, partitions, queues and leases.</summary>
    public StorageOperationCounter Operations { get; } = new(traced: false);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            // Every request counted (not traced: the provider polls its queues all the time), for the benchmark.
            StorageAccountClientProvider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connectionString, Counted(new BlobClientOptions(), Operations.ForBlobs())),
                StorageServiceClientProvider.ForQueue(connectionString, Counted(new QueueClientOptions(), Operations.ForQueues())),
                StorageServiceClientProvider.ForTable(connectionString, Counted(new TableClientOptions(), Operations.ForTables()))),
            TaskHubName = settings.HubName,
            PartitionCount = settings.PartitionCount,
            MaxQueuePollingInterval = settings.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = settings.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = settings.WorkItemQueueVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = settings.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = settings.MaxConcurrentOrchestrations,
            WorkerId = settings.WorkerId,
            LoggerFactory = loggers,
        });
        await _service.CreateIfNotExistsAsync().ConfigureAwait(false);

        // The server's dispatcher sees the provider through the reconciliation Durable Functions' own dispatcher does.
        var dispatched = new ReconcilingOrchestrationService(_service, loggers.CreateLogger<ReconcilingOrchestrationService>());
        var grpc = new TaskHubGrpcServer(_lifetime, loggers, dispatched, _service, Options.Create(new TaskHubGrpcServerOptions()));
        _server = new HostBuilder()
            .ConfigureServices(s => s.AddSingleton(loggers))
            .ConfigureWebHost(web => web
                .UseKestrel(k => k.Listen(IPAddress.Loopback, settings.Port, o => o.Protocols = HttpProtocols.Http2))
                .ConfigureServices(s =>
                {
                    s.AddGrpc();
                    s.AddSingleton(grpc);
                })
                .Configure(server =>
                {
                    server.UseRouting();
                    server.UseEndpoints(e => e.MapGrpcService<TaskHubGrpcServer>());
                }))
            .Build();
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        _lifetime.Started();
        _started = true;
        LogStarted(settings.HubName, settings.Port, settings.WorkerId, settings.PartitionCount, settings.MaxQueuePollingInterval);
    }

    private static T Counted<T>(T options, HttpPipelinePolicy counter) where T : ClientOptions
    {
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return options;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started) return;
        _started = false;
        try
        {
            // Forced: no waiting for work in flight, which the worker (stopped before this) will never finish.
            await _service!.StopAsync(isForced: true).WaitAsync(StopTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            LogStopSlow(ex.GetType().Name);
        }

        await _server!.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _lifetime.Dispose();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task hub {HubName} (Azure Storage) served on 127.0.0.1:{Port}; worker {WorkerId}, {Partitions} partitions, polling at most every {Polling}.")]
    private partial void LogStarted(string hubName, int port, string workerId, int partitions, TimeSpan polling);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The task hub's storage provider did not stop in time ({ErrorType}); its partition leases will run out on their own.")]
    private partial void LogStopSlow(string errorType);
}
