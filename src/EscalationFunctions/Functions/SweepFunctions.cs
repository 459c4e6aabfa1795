using Escalations.Runtime.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace EscalationFunctions.Functions;

/// <summary>
/// The outbox backstop sweep every five minutes under the Functions host (its timer trigger is a singleton across
/// instances); outside the host the runtime's <c>SweepService</c> runs the same <see cref="Sweeper"/>.
/// </summary>
public sealed partial class SweepFunctions(Sweeper sweeper, ILogger<SweepFunctions> logger)
{
    [Function(nameof(SweepTimer))]
    public async Task SweepTimer([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken ct)
    {
        var report = await sweeper.RunOnceAsync(ct);
        LogSwept(report);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "sweep: {Report}")]
    private partial void LogSwept(SweepReport report);
}
