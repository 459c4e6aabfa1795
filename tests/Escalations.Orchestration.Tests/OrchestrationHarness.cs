using Escalations.Domain;
using Escalations.Runtime;
using Escalations.Runtime.Hosting;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Escalations.Orchestration.Tests;

/// <summary>
/// The escalation's orchestration on the in-memory Durable Task engine (<see cref="DurableTaskTestHost"/>), its
/// activities over the real runtime on a private set of tables in Azurite, with the app's in-process dispatch, which
/// starts and signals the orchestrations as the app does.
/// </summary>
public sealed class OrchestrationHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly DispatchWorker _dispatch;
    private readonly DurableTaskTestHost _engine;

    private OrchestrationHarness(ServiceProvider services, DispatchWorker dispatch, DurableTaskTestHost engine)
    {
        _services = services;
        _dispatch = dispatch;
        _engine = engine;
    }

    public DurableTaskClient Client => _engine.Client;
    public EscalationWorkflow Workflow => _services.GetRequiredService<EscalationWorkflow>();
    public CountingSender Sender => (CountingSender)_services.GetRequiredService<INotificationSender>();

    public static async Task<OrchestrationHarness> StartAsync(AzuriteProcess azurite, IDictionary<string, string?> settings)
    {
        var config = TestStorage.Settings(azurite.ConnectionString, TestStorage.NewPrefix());
        foreach (var (key, value) in settings) config[key] = value;
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<INotificationSender>(new CountingSender())
            .AddEscalationRuntime(new ConfigurationBuilder().AddInMemoryCollection(config).Build())
            .AddEscalationOrchestration()
            .BuildServiceProvider();
        await services.GetRequiredService<StorageClients>().EnsureCreatedAsync();
        var dispatch = services.GetServices<IHostedService>().OfType<DispatchWorker>().Single();
        await dispatch.StartAsync(CancellationToken.None);

        var readClock = services.GetRequiredService<ReadClockActivity>();
        var fireTimer = services.GetRequiredService<FireTimerActivity>();
        var engine = await DurableTaskTestHost.StartAsync(
            tasks => tasks
                .AddOrchestratorFunc<ClockInput, int>(EscalationTasks.Orchestrator, EscalationOrchestrator.RunAsync)
                .AddActivityFunc<string, ClockReading>(EscalationTasks.ReadClock, (_, id) => readClock.RunAsync(id))
                .AddActivityFunc<TimerFiring, ClockReading>(EscalationTasks.FireTimer, (_, firing) => fireTimer.RunAsync(firing)),
            new DurableTaskTestHostOptions { Port = TestStorage.FreePort() });
        // The dispatcher tells the escalations' orchestrations through this engine's client, as the app does.
        services.GetRequiredService<OrchestrationClient>().Use(engine.Client);
        return new OrchestrationHarness(services, dispatch, engine);
    }

    /// <summary>Applies an event through the workflow, as a platform call would; returns the escalation after it.</summary>
    public async Task<Escalation> ApplyAsync(string id, EscalationEvent evt)
    {
        var result = await Workflow.ApplyAsync(id, evt);
        Assert.Equal(WorkflowOutcome.Applied, result.Outcome);
        return result.State!;
    }

    public Task SignalAsync(string id, int version) => Client.RaiseEventAsync(id, EscalationTasks.CommitEvent, new CommitSignal(version));

    public async Task<Escalation> GetAsync(string id) => (await Workflow.GetAsync(id))!.State;

    public async Task<ClockStatus?> ClockStatusAsync(string id) =>
        (await Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.ReadCustomStatusAs<ClockStatus>();

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id) => Workflow.GetHistoryAsync(id);

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _dispatch.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
