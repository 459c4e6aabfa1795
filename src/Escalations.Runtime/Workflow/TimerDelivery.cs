using System.Diagnostics;
using Escalations.Domain;
using Microsoft.Extensions.Logging;

namespace Escalations.Runtime.Workflow;

/// <summary>
/// Delivers a due timer to its escalation: applies <see cref="TimerElapsed"/> through the workflow, so the state row
/// (its ETag) decides whether the timer still counts; cancelled, stale and repeated timers are no-ops there. A
/// timer that is not due yet by this clock is not applied. The escalation's orchestration calls it when a durable
/// timer fires; its span continues the escalation's trace.
/// </summary>
public sealed partial class TimerDelivery(EscalationWorkflow workflow, TimeProvider time, EscalationTelemetry telemetry, ILogger<TimerDelivery> logger)
{
    public async Task<TimerDelivered> DeliverAsync(string escalationId, PendingTimer timer, string? traceParent = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var early = timer.DueAt - time.GetUtcNow();
        if (early > TimeSpan.Zero)
        {
            LogEarly(escalationId, timer.Kind, early);
            return new TimerDelivered(TimerOutcome.Early, null);
        }

        // The timer continues the trace of the escalation that scheduled it; whatever delivered it is linked.
        var links = Activity.Current is { } delivery ? new[] { new ActivityLink(delivery.Context) } : null;
        using var span = EscalationTelemetry.Source.StartActivity($"timer {timer.Kind}", ActivityKind.Consumer, EscalationTelemetry.ParentFrom(traceParent), links: links);
        span?.SetTag("escalation.id", escalationId);
        span?.SetTag("escalation.timer", timer.Kind.ToString());
        var evt = new TimerElapsed(timer.Kind, timer.Token) { EventId = timer.Token, Channel = Channel.System };
        var result = await workflow.ApplyAsync(escalationId, evt, cancellationToken).ConfigureAwait(false);
        // Lateness of timers that fired; a cancelled, stale or repeated one changed nothing and is not counted.
        if (result.Outcome == WorkflowOutcome.Applied) telemetry.TimerHandled(timer.Kind, -early, span);
        LogDelivered(escalationId, timer.Kind, result.Outcome);
        return new TimerDelivered(result.Outcome == WorkflowOutcome.Applied ? TimerOutcome.Applied : TimerOutcome.Ignored, result.State);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Escalation {EscalationId}: timer {Kind} delivered ({Outcome}).")]
    private partial void LogDelivered(string escalationId, TimerKind kind, WorkflowOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation {EscalationId}: timer {Kind} came {Early} early by this clock; not applied yet.")]
    private partial void LogEarly(string escalationId, TimerKind kind, TimeSpan early);
}
