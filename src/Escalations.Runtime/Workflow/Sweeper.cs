using System.Diagnostics;
using Escalations.Domain;
using Microsoft.Extensions.Logging;
using Escalations.Runtime.Storage;

namespace Escalations.Runtime.Workflow;

/// <summary>
/// The backstop behind the queues: fires timers that are overdue by more than <see cref="RuntimeOptions.SweepGrace"/>
/// (their message was lost), performs outbox rows left behind (a crash after a commit), and purges closed
/// escalations from the index. Safe to run anywhere, any number of times: every step is idempotent.
/// </summary>
public sealed partial class Sweeper(
    EscalationStore store,
    Projections projections,
    EscalationWorkflow workflow,
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
        int fired = 0, drained = 0, failures = 0;

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

        foreach (var id in await projections.FindOverdueAsync(cutoff, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var stored = await store.LoadAsync(id, cancellationToken).ConfigureAwait(false);
                foreach (var timer in stored?.State.Timers.Where(t => t.DueAt <= cutoff).OrderBy(t => t.DueAt) ?? Enumerable.Empty<PendingTimer>())
                {
                    // A timer span like the queue's, so every firing is counted and measured in one place.
                    using var timerSpan = EscalationTelemetry.Source.StartActivity($"timer {timer.Kind}", ActivityKind.Consumer);
                    timerSpan?.SetTag("escalation.id", id);
                    timerSpan?.SetTag("escalation.timer", timer.Kind.ToString());
                    var evt = new TimerElapsed(timer.Kind, timer.Token) { EventId = timer.Token, Channel = Channel.System };
                    var result = await workflow.ApplyAsync(id, evt, cancellationToken).ConfigureAwait(false);
                    if (result.Outcome != WorkflowOutcome.Applied) continue;
                    fired++;
                    telemetry.TimerHandled(timer.Kind, time.GetUtcNow() - timer.DueAt, timerSpan);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures++;
                LogFailed(id, ex.GetType().Name);
            }
        }

        var purged = await projections.PurgeClosedAsync(now, cancellationToken).ConfigureAwait(false);
        var report = new SweepReport(fired, drained, purged, failures);
        span?.SetTag("sweep.timers_fired", fired);
        span?.SetTag("sweep.outboxes_drained", drained);
        span?.SetTag("sweep.failures", failures);
        if (fired + drained + purged + failures > 0) LogReport(report.TimersFired, report.OutboxesDrained, report.IndexRowsPurged, report.Failures);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep: escalation {EscalationId} failed ({ErrorType}); the next sweep tries again.")]
    private partial void LogFailed(string escalationId, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep: {TimersFired} overdue timers fired, {OutboxesDrained} outboxes drained, {Purged} closed index rows purged, {Failures} failures.")]
    private partial void LogReport(int timersFired, int outboxesDrained, int purged, int failures);
}
