using System.Collections.Concurrent;
using Escalations.Domain;
using Escalations.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Escalations.Runtime.Tests;

/// <summary>The email port's test double: records what was sent and fails on demand.</summary>
public sealed class RecordingSender : INotificationSender, IDisposable
{
    public void Dispose() => _entered.Dispose();

    private int _failuresLeft;
    private bool _permanent;

    public ConcurrentQueue<Notification> Sent { get; } = new();
    public int Attempts => _attempts;
    private int _attempts;

    private TaskCompletionSource? _gate;
    private readonly SemaphoreSlim _entered = new(0);

    public void FailNext(int times, bool permanent = false)
    {
        _permanent = permanent;
        Volatile.Write(ref _failuresLeft, times);
    }

    /// <summary>Holds every send until the returned source is completed, like a relay that has not yet accepted.</summary>
    public TaskCompletionSource Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits until a send has reached the sender (and, while held, is waiting at the gate).</summary>
    public Task WaitForSendAsync() => _entered.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => Assert.True(t.Result, "No send reached the sender."), TaskScheduler.Default);

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        _entered.Release();
        if (_gate is { } gate) await gate.Task.WaitAsync(cancellationToken);
        Interlocked.Increment(ref _attempts);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            if (_permanent) throw new PermanentNotificationException("Recipient rejected.");
            throw new IOException("SMTP server unavailable.");
        }

        Sent.Enqueue(notification);
    }

    public IEnumerable<NotificationKind> Kinds(string escalationId) => Sent.Where(n => n.Escalation.Id == escalationId).Select(n => n.Kind);
}

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
    public Task Dispatched() => Dispatch.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(60));

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
    public TimerMessageHandler TimerHandler => Services.GetRequiredService<TimerMessageHandler>();
    public OutboxMessageHandler OutboxHandler => Services.GetRequiredService<OutboxMessageHandler>();

    public QueuePump<TimerMessage> TimerPump => new(Clients.Timers, TimerHandler.HandleAsync, Clients, Services.GetRequiredService<RuntimeOptions>(),
        Services.GetRequiredService<TimeProvider>(), NullLogger<QueuePump<TimerMessage>>.Instance);

    public QueuePump<OutboxMessage> OutboxPump => new(Clients.Outbox, OutboxHandler.HandleAsync, Clients, Services.GetRequiredService<RuntimeOptions>(),
        Services.GetRequiredService<TimeProvider>(), NullLogger<QueuePump<OutboxMessage>>.Instance);

    public static string NewPrefix() => TestStorage.NewPrefix();

    /// <summary>Builds a runtime. Reuse <paramref name="prefix"/> to build a second process over the same storage (a restart).</summary>
    public static async Task<RuntimeHarness> CreateAsync(
        AzuriteProcess azurite, TimeProvider? time = null, IDictionary<string, string?>? settings = null, string? prefix = null, RecordingSender? sender = null,
        string? connectionString = null)
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

    /// <summary>Starts the standalone timer and outbox pumps and the sweep, as the app does outside the Functions host.</summary>
    public async Task StartPumpsAsync()
    {
        var options = Services.GetRequiredService<RuntimeOptions>();
        var time = Services.GetRequiredService<TimeProvider>();
        IHostedService[] services =
        [
            TimerPump,
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

/// <summary>Events with fresh ids, as the HTTP layer will send them.</summary>
public static class Events
{
    public static readonly Agent InHouse = new("agent-1", "Dana Agent", AgentAffiliation.InHouse);
    public static readonly Agent Bpo = new("agent-2", "Sam Outsourced", AgentAffiliation.Bpo, "Acme");
    public static readonly SupervisorRef Sup1 = new("sup-1", "Pat Super");

    private static string Id() => Guid.NewGuid().ToString("N");

    public static EscalationRequested Intake(Agent? agent = null, string account = "acct-1", string contact = "contact-1", ThreatKind[]? threats = null) =>
        new(contact, account, agent ?? InHouse, RequestCategory.General, Threats: threats, CallbackPhone: "+1 555 0100") { EventId = Id() };

    public static DeEscalationAttempted NotDeEscalated() => new(false) { EventId = Id() };
    public static NoSupervisorAvailable NoSupervisor() => new() { EventId = Id() };
    public static SupervisorPickedUp PickUp(string supervisorId) => new(new SupervisorRef(supervisorId)) { EventId = Id(), Channel = Channel.Api };
    public static CallbackCompleted Complete(bool resolved) => new(Sup1, resolved) { EventId = Id(), Channel = Channel.Api };

    public static string NewEscalationId() => "esc-" + Guid.NewGuid().ToString("N")[..16];
}
