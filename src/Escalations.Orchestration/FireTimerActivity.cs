using System.Diagnostics;
using Escalations.Domain;
using Escalations.Runtime;
using Escalations.Runtime.Workflow;
using Microsoft.Extensions.Logging;

namespace Escalations.Orchestration;

/// <summary>
/// <see cref="EscalationTasks.FireTimer"/>: applies <see cref="TimerElapsed"/> through the workflow, so the state row
/// (its ETag) decides whether the timer still counts. A timer that is not due yet by this clock is not applied
/// (<see cref="FiringOutcome.Early"/>): the orchestration waits out the rest.
/// </summary>
public sealed partial class FireTimerActivity(EscalationWorkflow workflow, TimeProvider time, EscalationTelemetry telemetry, ILogger<FireTimerActivity> logger)
{
    public async Task<TimerFired> RunAsync(TimerFiring firing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(firing);
        var early = firing.DueAt - time.GetUtcNow();
        if (early > TimeSpan.Zero)
        {
            LogEarly(firing.EscalationId, firing.Kind, early);
            return new TimerFired(FiringOutcome.Early, ClockReading.Missing);
        }

        using var span = EscalationTelemetry.Source.StartActivity($"timer {firing.Kind}", ActivityKind.Consumer);
        span?.SetTag("escalation.id", firing.EscalationId);
        span?.SetTag("escalation.timer", firing.Kind.ToString());
        var evt = new TimerElapsed(firing.Kind, firing.Token) { EventId = firing.Token, Channel = Channel.System };
        var result = await workflow.ApplyAsync(firing.EscalationId, evt, cancellationToken).ConfigureAwait(false);
        // Lateness of timers that fired; a cancelled, stale or repeated one changed nothing and is not counted.
        if (result.Outcome == WorkflowOutcome.Applied) telemetry.TimerHandled(firing.Kind, -early, span);
        LogFired(firing.EscalationId, firing.Kind, result.Outcome);
        return new TimerFired(result.Outcome == WorkflowOutcome.Applied ? FiringOutcome.Applied : FiringOutcome.Ignored, ClockReading.Of(result.State));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Escalation {EscalationId}: timer {Kind} fired ({Outcome}).")]
    private partial void LogFired(string escalationId, TimerKind kind, WorkflowOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation {EscalationId}: timer {Kind} came {Early} early by this clock; not applied yet.")]
    private partial void LogEarly(string escalationId, TimerKind kind, TimeSpan early);
}
