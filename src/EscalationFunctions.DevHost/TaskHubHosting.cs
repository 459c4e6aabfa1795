using EscalationFunctions.Durable;
using Escalations.Orchestration;
using Escalations.Runtime.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;

namespace EscalationFunctions.DevHost;

public static class TaskHubHosting
{
    /// <summary>
    /// Runs the app's orchestrations in this host, with <paramref name="settings"/> from <see cref="TaskHubSettings.Read"/>:
    /// the task hub (<see cref="LocalTaskHub"/>, or the in-memory engine), a Durable Task worker with every orchestrator
    /// and activity function registered, and a client, which the HTTP functions receive as their <c>[DurableClient]</c>.
    /// </summary>
    public static WebApplicationBuilder AddLocalTaskHub(this WebApplicationBuilder builder, TaskHubSettings settings)
    {
        // The worker reads its address when it is built, so a free port is chosen now.
        if (settings.Port == 0) settings = settings with { Port = FreePort() };
        var functions = typeof(EscalationOrchestratorFunction).Assembly;
        builder.Services.AddSingleton(settings);

        if (settings.Engine == TaskHubEngine.InMemory)
        {
            builder.Services.AddInMemoryDurableTask(r => r.AddFunctions(functions), new InMemoryDurableTaskOptions { Port = settings.Port });
            return builder;
        }

        var connection = StorageConnection.From(builder.Configuration).ConnectionString!;
        // Registered before the worker: hosted services start in order and stop in reverse, so the hub outlives it.
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<LocalTaskHub>(sp, settings, connection));
        var address = $"http://127.0.0.1:{settings.Port}";
        builder.Services.AddDurableTaskWorker(w =>
        {
            w.UseGrpc(address);
            w.AddTasks(r => r.AddFunctions(functions));
            w.Configure(o =>
            {
                o.Concurrency.MaximumConcurrentActivityWorkItems = settings.MaxConcurrentActivities;
                o.Concurrency.MaximumConcurrentOrchestrationWorkItems = settings.MaxConcurrentOrchestrations;
            });
        });
        builder.Services.AddDurableTaskClient(c =>
        {
            c.UseGrpc(address);
            c.RegisterDirectly();
        });
        return builder;
    }

    /// <summary>
    /// Hands the task hub's client to the app. Under the Functions host each function hands over its
    /// <c>[DurableClient]</c>; here the client is in the services from the start.
    /// </summary>
    public static WebApplication UseLocalTaskHubClient(this WebApplication app)
    {
        app.Services.GetRequiredService<OrchestrationClient>().Use(app.Services.GetRequiredService<DurableTaskClient>());
        return app;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
