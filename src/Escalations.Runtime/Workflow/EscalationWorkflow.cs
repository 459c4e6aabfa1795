using System.Diagnostics;
using Escalations.Domain;
using Microsoft.Extensions.Logging;
using Escalations.Runtime.Storage;

namespace Escalations.Runtime.Workflow;

/// <summary>
/// Runs escalations as durable workflows: load the state, apply the event with the pure state machine, commit
/// state + history + outbox rows in one batch, and answer. The effects are performed right after, off the request
/// path, by the in-process <see cref="InProcessDispatch"/>. Before the commit an outbox message is sent with a delay
/// (concurrently with the load); if this process does not perform the effects, that message re-drives them.
/// </summary>
public sealed partial class EscalationWorkflow(
    EscalationStore store,
    WorkQueues queues,
    InProcessDispatch dispatch,
    EscalationOptions policy,
    RuntimeOptions options,
    TimeProvider time,
    EscalationTelemetry telemetry,
    ILogger<EscalationWorkflow> logger)
{
    private const int MaxConflictRetries = 4;

    /// <summary>Test hook: runs after a commit and before its effects are handed over, to simulate a crash there.</summary>
    internal Func<CancellationToken, Task>? AfterCommit { get; set; }

    public Task<StoredEscalation?> GetAsync(string escalationId, CancellationToken cancellationToken = default) =>
        store.LoadAsync(escalationId, cancellationToken);

    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string escalationId, CancellationToken cancellationToken = default) =>
        store.GetHistoryAsync(escalationId, cancellationToken);

    /// <summary>
    /// Applies one event and returns once it is committed. A concurrent writer makes this re-read and re-decide
    /// (a few times), so the loser of a race gets the domain's answer for the new state;
    /// <see cref="ConcurrencyException"/> only if contention persists. Two storage round trips before the answer:
    /// the load and the backstop message together, then the commit. An intake skips the load: it inserts, and an
    /// insert that finds the escalation already there (a retried intake) reads it and answers from it.
    /// </summary>
    public Task<WorkflowResult> ApplyAsync(string escalationId, EscalationEvent evt, CancellationToken cancellationToken = default)
    {
        ValidateId(escalationId);
        return ApplyAsync(escalationId, evt, StartBackstop(escalationId, cancellationToken), proceed: null, cancellationToken);
    }

    /// <summary>Sends the outbox message a commit on this escalation will need; start it early, alongside other reads.</summary>
    internal OutboxBackstop StartBackstop(string escalationId, CancellationToken cancellationToken) =>
        new(escalationId, queues.EnqueueOutboxAsync(escalationId, options.DispatchGrace, cancellationToken));

    /// <summary>
    /// Applies one event with a backstop already on its way. With <paramref name="proceed"/>, the event is applied only
    /// if it completes true (it runs alongside the load); otherwise the answer is <see cref="WorkflowOutcome.Skipped"/>.
    /// </summary>
    internal async Task<WorkflowResult> ApplyAsync(
        string escalationId, EscalationEvent evt, OutboxBackstop backstop, Task<bool>? proceed, CancellationToken cancellationToken)
    {
        // The backstop message is removed only when nothing can have been committed: a commit whose answer was lost
        // (a timeout, a retry that then conflicts with its own first write) leaves it to re-drive what it finds.
        var keepBackstop = false;
        using var span = EscalationTelemetry.Source.StartActivity($"apply {evt.Name}");
        span?.SetTag("escalation.id", escalationId);
        span?.SetTag("escalation.event", evt.Name);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var current = evt is EscalationRequested && attempt == 1
                    ? null
                    : await store.LoadAsync(escalationId, cancellationToken).ConfigureAwait(false);
                if (proceed is not null && !await proceed.ConfigureAwait(false))
                    return Traced(span, new WorkflowResult(WorkflowOutcome.Skipped, current?.State));
                if (current is null && evt is not EscalationRequested)
                    return Traced(span, new WorkflowResult(WorkflowOutcome.NotFound, null));

                var now = time.GetUtcNow();
                var transition = EscalationStateMachine.Apply(current?.State ?? Escalation.New(escalationId), evt, now, policy);
                switch (transition.Outcome)
                {
                    case TransitionOutcome.Rejected:
                        return Traced(span, new WorkflowResult(WorkflowOutcome.Rejected, current?.State, transition.Error));
                    case TransitionOutcome.Unchanged:
                        if (attempt > 1 && current is not null && current.State.AppliedEventIds.Contains(evt.EventId))
                        {
                            // Possibly this request's own commit, answered by a conflict: make sure its effects run.
                            keepBackstop = dispatch.TryPost(new DispatchWork(escalationId, [], backstop, ReadRows: true));
                        }

                        return Traced(span, new WorkflowResult(WorkflowOutcome.Unchanged, current?.State, Reason: transition.Reason));
                }

                // The message must be on the queue before the commit, or a crash right after it would lose the effects.
                await backstop.Sent.ConfigureAwait(false);
                IReadOnlyList<OutboxRow> rows;
                try
                {
                    rows = await store.CommitAsync(current, transition, now, Trace(current, span), byClock: evt is TimerElapsed, cancellationToken).ConfigureAwait(false);
                }
                catch (ConcurrencyException) when (attempt < MaxConflictRetries)
                {
                    LogConflict(escalationId, evt.Name, attempt);
                    continue;
                }
                catch (Exception ex) when (ex is not ConcurrencyException)
                {
                    // Timed out, cancelled, unreachable: the batch may have landed. The message finds out.
                    keepBackstop = true;
                    throw;
                }

                keepBackstop = true;
                telemetry.Committed(evt, transition);
                LogApplied(escalationId, evt.Name, transition.State.Status, transition.State.Version);
                if (AfterCommit is { } hook) await hook(cancellationToken).ConfigureAwait(false);
                dispatch.TryPost(new DispatchWork(escalationId, rows, backstop));
                return Traced(span, new WorkflowResult(WorkflowOutcome.Applied, transition.State));
            }
        }
        finally
        {
            // Nothing committed: the message has nothing to re-drive. The worker removes it, off the request path.
            if (!keepBackstop) dispatch.Forget(backstop);
        }
    }

    /// <summary>
    /// Which trace the commit's effects join. An escalation keeps the trace its intake started (stored on its state
    /// row), so a timer, an email or a breach 48 hours later belongs to that one trace. Work already in that trace
    /// (a timer it scheduled) nests its effects under the current span; a request from elsewhere (an action over
    /// HTTP, with a trace of its own) hands its effects to the escalation's trace and links the two.
    /// </summary>
    private static TraceParents Trace(StoredEscalation? current, Activity? span)
    {
        var here = Activity.Current;
        var origin = current?.TraceParent ?? here?.Id;
        var root = EscalationTelemetry.ParentFrom(origin);
        if (here is null || root == default || root.TraceId == here.TraceId) return new TraceParents(origin, here?.Id ?? origin);
        span?.AddLink(new ActivityLink(root));
        return new TraceParents(origin, origin);
    }

    private static WorkflowResult Traced(Activity? span, WorkflowResult result)
    {
        span?.SetTag("escalation.outcome", result.Outcome.ToString());
        if (result.State is { } state) span?.SetTag("escalation.status", state.Status.ToString());
        return result;
    }

    internal static void ValidateId(string escalationId)
    {
        if (!TableKeys.IsValidEscalationId(escalationId))
            throw new ArgumentException("An escalation id is 1-64 letters, digits, '-' or '_'.", nameof(escalationId));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation {EscalationId}: {Event} applied; now {Status} (v{Version}).")]
    private partial void LogApplied(string escalationId, string @event, EscalationStatus status, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation {EscalationId}: {Event} lost a race (attempt {Attempt}); re-reading.")]
    private partial void LogConflict(string escalationId, string @event, int attempt);
}
