using Escalations.Domain;
using Escalations.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;

namespace Escalations.Runtime.Tests;

/// <summary>
/// The runtime as the app wires it (AddEscalationRuntime), on a private set of tables and queues in the given
/// Azurite, with short durations. Pumps are stepped by the test or started with <see cref="StartPumpsAsync"/>.
/// </summary>
public sealed class RuntimeHarness : IAsyncDisposable
{
    private readonly List<IHostedService> _started = [];

    private RuntimeHarness(ServiceProvider services, string prefix)
    {
        Services = services;
        Prefix = prefix;
    }

    /// <summary>Applies an event, then waits until the in-process worker has performed its effects.</summary>
    public async Task<WorkflowResult> ApplyAsync(string escalationId, EscalationEvent evt)
    {
        var result = await Workflow.ApplyAsync(escalationId, evt);
        await Dispatched();
        return result;
    }

    /// <summary>Waits until the in-process dispatch worker has nothing queued or in progress.</summary>
    public Task Dispatched() => Dispatch.WhenIdleAsync().WaitAsync(TestStorage.Patience);

    public InProcessDispatch Dispatch => Services.GetRequiredService<InProcessDispatch>();
    public IntakeService Intakes => Services.GetRequiredService<IntakeService>();
    public EffectDispatcher Dispatcher => Services.GetRequiredService<EffectDispatcher>();

    public ServiceProvider Services { get; }
    public string Prefix { get; }
    public EscalationWorkflow Workflow => Services.GetRequiredService<EscalationWorkflow>();
    public EscalationStore Store => Services.GetRequiredService<EscalationStore>();
    public Projections Projections => Services.GetRequiredService<Projections>();
    public Sweeper Sweeper => Services.GetRequiredService<Sweeper>();
    public StorageClients Clients => Services.GetRequiredService<StorageClients>();
    public StorageOperationCounter Counter => Services.GetRequiredService<StorageOperationCounter>();
    public RecordingSender Sender => (RecordingSender)Services.GetRequiredService<INotificationSender>();
    public TimerDelivery Timers => Services.GetRequiredService<TimerDelivery>();
    public RecordingClock Clock => (RecordingClock)Services.GetRequiredService<IEscalationClock>();
    public OutboxMessageHandler OutboxHandler => Services.GetRequiredService<OutboxMessageHandler>();

    public QueuePump<OutboxMessage> OutboxPump => new(Clients.Outbox, OutboxHandler.HandleAsync, Services.GetRequiredService<DeadLetters>(), Services.GetRequiredService<RuntimeOptions>(),
        Services.GetRequiredService<TimeProvider>(), NullLogger<QueuePump<OutboxMessage>>.Instance);

    public static string NewPrefix() => TestStorage.NewPrefix();

    /// <summary>Builds a runtime. Reuse <paramref name="prefix"/> to build a second process over the same storage (a restart).</summary>
    public static async Task<RuntimeHarness> CreateAsync(
        AzuriteProcess azurite, TimeProvider? time = null, IDictionary<string, string?>? settings = null, string? prefix = null, INotificationSender? sender = null,
        string? connectionString = null, IFollowUpSync? followUps = null)
    {
        prefix ??= NewPrefix();
        var config = TestStorage.Settings(connectionString ?? azurite.ConnectionString, prefix);
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Runtime:SweepGrace"] = "00:00:01",
            ["Runtime:SweepInterval"] = "00:00:01",
            ["Runtime:RetryBaseDelay"] = "00:00:01",
            ["Runtime:RunPumps"] = "false",
        }.Concat(settings ?? new Dictionary<string, string?>()))
        {
            config[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build();

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        if (time is not null) services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<INotificationSender>(sender ?? new RecordingSender());
        services.AddSingleton<IEscalationClock>(new RecordingClock());
        if (followUps is not null) services.AddSingleton(followUps);
        services.AddEscalationRuntime(configuration);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StorageClients>().EnsureCreatedAsync();
        var harness = new RuntimeHarness(provider, prefix);
        // The in-process dispatch worker always runs, as in the app; the pumps and the sweep only on request.
        var worker = provider.GetServices<IHostedService>().OfType<DispatchWorker>().Single();
        await worker.StartAsync(CancellationToken.None);
        harness._started.Add(worker);
        return harness;
    }

    /// <summary>Starts the standalone outbox pump and the sweep, as the app does outside the Functions host.</summary>
    public async Task StartPumpsAsync()
    {
        var options = Services.GetRequiredService<RuntimeOptions>();
        var time = Services.GetRequiredService<TimeProvider>();
        IHostedService[] services =
        [
            OutboxPump,
            new SweepService(Sweeper, options, time, NullLogger<SweepService>.Instance),
        ];
        foreach (var service in services)
        {
            await service.StartAsync(CancellationToken.None);
            _started.Add(service);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _started) await service.StopAsync(CancellationToken.None);
        _started.Clear();
        await Services.DisposeAsync();
    }

    public static Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, string what) => TestStorage.Eventually(condition, timeout, what);
}
