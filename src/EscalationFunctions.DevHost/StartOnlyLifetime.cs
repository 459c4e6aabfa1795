namespace EscalationFunctions.DevHost;

/// <summary>
/// The lifetime the task hub's gRPC server is given: it starts, and never stops on its own. The server would stop
/// the storage provider from a fire-and-forget handler when its host stops, where a provider cut off from storage
/// throws minutes later and ends the process; <see cref="LocalTaskHub"/> stops the provider itself, in order.
/// </summary>
public sealed class StartOnlyLifetime : IHostApplicationLifetime, IDisposable
{
    private readonly CancellationTokenSource _started = new();

    public CancellationToken ApplicationStarted => _started.Token;
    public CancellationToken ApplicationStopping => CancellationToken.None;
    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void Started() => _started.Cancel();

    public void StopApplication()
    {
    }

    public void Dispose() => _started.Dispose();
}
