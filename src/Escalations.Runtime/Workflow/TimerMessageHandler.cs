using System.Diagnostics;
using Escalations.Domain;
using Microsoft.Extensions.Logging;
using Escalations.Runtime.Storage;

namespace Escalations.Runtime.Workflow;

/// <summary>
/// Delivers a due timer to its escalation. An early message (a hop of a timer longer than the queue allows, or
/// clock skew) is sent back until its time. Cancelled, stale and repeated timers are no-ops in the domain.
/// Callable from the standalone pump and from a Functions queue trigger alike.
/// </summary>
public sealed partial class TimerMessageHandler(EscalationWorkflow workflow, TimeProvider time, EscalationTelemetry telemetry, ILogger<TimerMessageHandler> logger)
{
    public async Task<HandlerResult> HandleAsync(TimerMessage message, CancellationToken cancellationToken = default)
    {
        var early = message.DueAt - time.GetUtcNow();
        if (early > TimeSpan.Zero) return HandlerResult.Later(early);

        // The timer continues the trace of the escalation that scheduled it; whatever delivered it (a pump, or the
        // Functions host's invocation span) is linked.
        var links = Activity.Current is { } delivery ? new[] { new ActivityLink(delivery.Context) } : null;
        using var span = EscalationTelemetry.Source.StartActivity(
            $"timer {message.Kind}", ActivityKind.Consumer, EscalationTelemetry.ParentFrom(message.TraceParent), links: links);
        span?.SetTag("escalation.timer", message.Kind.ToString());
        if (!TableKeys.IsValidEscalationId(message.EscalationId))
        {
            LogInvalid();
            return HandlerResult.Done;
        }

        span?.SetTag("escalation.id", message.EscalationId);

        try
        {
            var evt = new TimerElapsed(message.Kind, message.Token) { EventId = message.Token, Channel = Channel.System };
            var result = await workflow.ApplyAsync(message.EscalationId, evt, cancellationToken).ConfigureAwait(false);
            // Lateness of timers that fired; a cancelled, stale or repeated one changed nothing and is not counted.
            if (result.Outcome == WorkflowOutcome.Applied) telemetry.TimerHandled(message.Kind, -early, span);
            LogHandled(message.EscalationId, message.Kind, result.Outcome);
            return HandlerResult.Done;
        }
        catch (ConcurrencyException)
        {
            return HandlerResult.Later(TimeSpan.FromSeconds(1));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Escalation {EscalationId}: timer {Kind} handled ({Outcome}).")]
    private partial void LogHandled(string escalationId, TimerKind kind, WorkflowOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A timer message named an invalid escalation id; dropped.")]
    private partial void LogInvalid();
}
