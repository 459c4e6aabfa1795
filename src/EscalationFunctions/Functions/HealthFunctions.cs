using EscalationFunctions.Apis;
using Escalations.Runtime.Storage;
using Microsoft.Azure.Functions.Worker;

namespace EscalationFunctions.Functions;

/// <summary>Liveness and a storage check, open to probes (see <see cref="HealthApi"/>).</summary>
public sealed class HealthFunctions(EscalationStore store, TimeProvider time)
{
    [Function(nameof(Health))]
    public Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken ct) =>
        HealthApi.CheckAsync(store, time, ct);
}
