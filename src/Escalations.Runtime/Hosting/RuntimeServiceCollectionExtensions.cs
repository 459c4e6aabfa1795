using Escalations.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;

namespace Escalations.Runtime.Hosting;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the durable runtime: options, storage clients, the workflow, the handlers and, unless
    /// <c>Runtime:RunPumps</c> is false, the standalone outbox pump and the sweep. The host registers an
    /// <see cref="INotificationSender"/> and the <see cref="IEscalationClock"/>. The <c>Escalation</c> and <c>Runtime</c> sections are read strictly
    /// (<see cref="StrictSettings"/>) and validated; each problem is added to <paramref name="problems"/>, or, when
    /// none is given, thrown at once as an <see cref="InvalidConfigurationException"/>.
    /// </summary>
    public static IServiceCollection AddEscalationRuntime(this IServiceCollection services, IConfiguration configuration, ICollection<string>? problems = null)
    {
        var found = new List<string>();
        var policy = StrictSettings.Bind<EscalationOptions>(configuration, EscalationOptions.SectionName, found);
        var runtime = StrictSettings.Bind<RuntimeOptions>(configuration, RuntimeOptions.SectionName, found);
        found.AddRange(policy.Validate());
        found.AddRange(runtime.Validate());
        var telemetry = new EscalationTelemetry();
        var counter = new StorageOperationCounter(telemetry);
        StorageClients? clients = null;
        try
        {
            // Clients are made now (no request is sent), so a malformed connection string stops start-up here.
            clients = new StorageClients(StorageConnection.From(configuration), runtime, counter);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            found.Add($"{StorageConnection.Setting} is not a storage connection string or identity-based storage settings ({ex.GetType().Name}: {ex.Message})");
        }

        if (problems is null) InvalidConfigurationException.ThrowIfAny(found);
        else foreach (var problem in found) problems.Add(problem);
        if (clients is null) return services;

        services.AddSingleton(policy);
        services.AddSingleton(runtime);
        services.TryAddSingleton(TimeProvider.System);
        // A factory, so the container disposes the telemetry's meter with it.
        services.AddSingleton(_ => telemetry);
        services.AddSingleton(counter);
        services.AddSingleton(clients);
        services.TryAddSingleton<IFollowUpSync, NoFollowUpSync>();
        services.AddSingleton<EscalationStore>();
        services.AddSingleton<DeadLetters>();
        services.AddSingleton<WorkQueues>();
        services.AddSingleton<Projections>();
        services.AddSingleton<ComplianceReports>();
        services.AddSingleton<EffectDispatcher>();
        services.AddSingleton<InProcessDispatch>();
        services.AddSingleton<EscalationWorkflow>();
        services.AddSingleton<IntakeService>();
        services.AddSingleton<TimerDelivery>();
        services.AddSingleton<OutboxMessageHandler>();
        services.AddSingleton<Sweeper>();
        services.AddHostedService<StorageInitializer>();
        // Under the Functions host too: the app process outlives each invocation, and the outbox trigger is the backstop.
        services.AddHostedService<DispatchWorker>();

        if (runtime.RunPumps)
        {
            services.AddHostedService(sp => Pump<OutboxMessage>(sp, c => c.Outbox, sp.GetRequiredService<OutboxMessageHandler>().HandleAsync));
            services.AddHostedService<SweepService>();
        }

        return services;
    }

    private static QueuePump<T> Pump<T>(IServiceProvider sp, Func<StorageClients, Azure.Storage.Queues.QueueClient> queue, Func<T, CancellationToken, Task<HandlerResult>> handle)
    {
        var clients = sp.GetRequiredService<StorageClients>();
        return new QueuePump<T>(queue(clients), handle, sp.GetRequiredService<DeadLetters>(), sp.GetRequiredService<RuntimeOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<QueuePump<T>>>());
    }
}
