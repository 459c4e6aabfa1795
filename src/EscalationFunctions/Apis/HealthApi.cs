using Escalations.Runtime.Storage;

namespace EscalationFunctions.Apis;

public static class HealthApi
{
    /// <summary>Liveness plus a storage round trip: 200 when storage answers, 503 when it does not.</summary>
    internal static async Task<IResult> CheckAsync(EscalationStore store, TimeProvider time, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await store.PingAsync(timeout.Token);
            return Results.Ok(new HealthView(HealthStatus.Healthy, StorageReachability.Reachable, null, time.GetUtcNow()));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return Results.Json(new HealthView(HealthStatus.Degraded, StorageReachability.Unreachable, ex.GetType().Name, time.GetUtcNow()), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
