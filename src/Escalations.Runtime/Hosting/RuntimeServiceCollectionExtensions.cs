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
    /// Registers the durable runtime: options (validated now, with messages naming each bad setting), storage
    /// clients, the workflow, the handlers and, unless <c>Runtime:RunPumps</c> is false, the standalone pumps and
    /// the sweep. The host registers an <see cref="INotificationSender"/>.
    /// </summary>
    public static IServiceCollection AddEscalationRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        var policy = configuration.GetSection(EscalationOptions.SectionName).Get<EscalationOptions>() ?? new EscalationOptions();
        var runtime = configuration.GetSection(RuntimeOptions.SectionName).Get<RuntimeOptions>() ?? new RuntimeOptions();
        var problems = policy.Validate().Concat(runtime.Validate()).ToList();
        if (problems.Count > 0)
            throw new InvalidOperationException("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)));

        var connection = StorageConnection.From(configuration);
        services.AddSingleton(policy);
        services.AddSingleton(runtime);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StorageOperationCounter>();
        services.AddSingleton(sp => new StorageClients(connection, runtime, sp.GetRequiredService<StorageOperationCounter>()));
        services.AddSingleton<EscalationStore>();
        services.AddSingleton<WorkQueues>();
        services.AddSingleton<Projections>();
        services.AddSingleton<EffectDispatcher>();
        services.AddSingleton<InProcessDispatch>();
        services.AddSingleton<EscalationWorkflow>();
        services.AddSingleton<IntakeService>();
        services.AddSingleton<TimerMessageHandler>();
        services.AddSingleton<OutboxMessageHandler>();
        services.AddSingleton<Sweeper>();
        services.AddHostedService<StorageInitializer>();
        // Under the Functions host too: the app process outlives each invocation, and the outbox trigger is the backstop.
        services.AddHostedService<DispatchWorker>();

        if (runtime.RunPumps)
        {
            services.AddHostedService(sp => Pump<TimerMessage>(sp, c => c.Timers, sp.GetRequiredService<TimerMessageHandler>().HandleAsync));
            services.AddHostedService(sp => Pump<OutboxMessage>(sp, c => c.Outbox, sp.GetRequiredService<OutboxMessageHandler>().HandleAsync));
            services.AddHostedService<SweepService>();
        }

        return services;
    }

    private static QueuePump<T> Pump<T>(IServiceProvider sp, Func<StorageClients, Azure.Storage.Queues.QueueClient> queue, Func<T, CancellationToken, Task<HandlerResult>> handle)
    {
        var clients = sp.GetRequiredService<StorageClients>();
        return new QueuePump<T>(queue(clients), handle, clients, sp.GetRequiredService<RuntimeOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<QueuePump<T>>>());
    }
}
