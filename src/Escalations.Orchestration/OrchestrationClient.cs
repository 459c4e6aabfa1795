using Microsoft.DurableTask.Client;

namespace Escalations.Orchestration;

/// <summary>
/// The Durable Task client the app tells its orchestrations with. Under the Functions host a client exists only as
/// a function's <c>[DurableClient]</c> binding, so every function that may dispatch a commit hands its client here
/// (<see cref="Use"/>); the development host hands over the one in its services at start-up.
/// </summary>
public sealed class OrchestrationClient
{
    private DurableTaskClient? _client;

    /// <summary>The client, once a function or the host has handed one over.</summary>
    public DurableTaskClient? Client => Volatile.Read(ref _client);

    public void Use(DurableTaskClient client) => Volatile.Write(ref _client, client ?? throw new ArgumentNullException(nameof(client)));
}
