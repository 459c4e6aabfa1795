using Microsoft.Extensions.Hosting;
using Escalations.Runtime.Storage;

namespace Escalations.Runtime.Hosting;

/// <summary>Creates the runtime's tables and queues before anything else runs.</summary>
public sealed class StorageInitializer(StorageClients clients) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => clients.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
