using System.Diagnostics;
using Escalations.Domain;
using Microsoft.Extensions.Logging;
using Escalations.Runtime.Storage;

namespace Escalations.Runtime.Workflow;

/// <summary>
/// The backstop behind the outbox queue: performs outbox rows older than <see cref="RuntimeOptions.SweepGrace"/> (a
/// crash after a commit whose outbox message was lost too), and purges closed escalations from the index. Safe to
/// run anywhere, any number of times: every step is idempotent. Timers are the escalation's orchestration's.
/// </summary>
public sealed partial class Sweeper(
    EscalationStore store,
    Projections projections,
    EffectDispatcher dispatcher,
    RuntimeOptions options,
    TimeProvider time,
    EscalationTelemetry telemetry,
    ILogger<Sweeper> logger)
{
    public async Task<SweepReport> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        using var span = EscalationTelemetry.Source.StartActivity("sweep", ActivityKind.Internal);
        var now = time.GetUtcNow();
        var cutoff = now - options.SweepGrace;
        int drained = 0, failures = 0;

        var stale = await store.FindStaleOutboxRowsAsync(cutoff, cancellationToken).ConfigureAwait(false);
        telemetry.OutboxObserved(stale.OldestCreatedAt is { } oldest ? now - oldest : TimeSpan.Zero);
        foreach (var id in stale.EscalationIds)
        {
            try
            {
                await dispatcher.DispatchPendingAsync(id, cancellationToken).ConfigureAwait(false);
                drained++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures++;
                LogFailed(id, ex.GetType().Name);
            }
        }

        var purged = await projections.PurgeClosedAsync(now, cancellationToken).ConfigureAwait(false);
        var report = new SweepReport(drained, purged, failures);
        span?.SetTag("sweep.outboxes_drained", drained);
        span?.SetTag("sweep.failures", failures);
        if (drained + purged + failures > 0) LogReport(report.OutboxesDrained, report.IndexRowsPurged, report.Failures);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep: escalation {EscalationId} failed ({ErrorType}); the next sweep tries again.")]
    private partial void LogFailed(string escalationId, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep: {OutboxesDrained} outboxes drained, {Purged} closed index rows purged, {Failures} failures.")]
    private partial void LogReport(int outboxesDrained, int purged, int failures);
}
