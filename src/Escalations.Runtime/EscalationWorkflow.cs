using Escalations.Domain;
using Microsoft.Extensions.Logging;

namespace Escalations.Runtime;

public enum WorkflowOutcome
{
    Applied,
    Unchanged,
    Rejected,
    NotFound,
}

/// <summary>What applying one event did. <see cref="State"/> is the escalation after it (null when not found).</summary>
public sealed record WorkflowResult(WorkflowOutcome Outcome, Escalation? State, DomainError? Error = null, string? Reason = null);

/// <summary>
/// Runs escalations as durable workflows: load the state, apply the event with the pure state machine, commit
/// state + history + outbox in one batch, then perform the outbox. Before each commit an outbox message is
/// enqueued with a delay; if this process dies after the commit, that message re-drives the effects.
/// </summary>
public sealed partial class EscalationWorkflow(
    EscalationStore store,
    WorkQueues queues,
    EffectDispatcher dispatcher,
    EscalationOptions policy,
    RuntimeOptions options,
    TimeProvider time,
    ILogger<EscalationWorkflow> logger)
{
    private const int MaxConflictRetries = 4;

    /// <summary>Test hook: runs after a commit and before dispatch, to simulate a crash there.</summary>
    internal Func<CancellationToken, Task>? AfterCommit { get; set; }

    public Task<StoredEscalation?> GetAsync(string escalationId, CancellationToken cancellationToken = default) =>
        store.LoadAsync(escalationId, cancellationToken);

    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string escalationId, CancellationToken cancellationToken = default) =>
        store.GetHistoryAsync(escalationId, cancellationToken);

    /// <summary>
    /// Applies one event. A concurrent writer makes this re-read and re-decide (a few times), so the loser of a
    /// race gets the domain's answer for the new state; <see cref="ConcurrencyException"/> only if contention persists.
    /// </summary>
    public async Task<WorkflowResult> ApplyAsync(string escalationId, EscalationEvent evt, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsValidEscalationId(escalationId))
            throw new ArgumentException("An escalation id is 1-64 letters, digits, '-' or '_'.", nameof(escalationId));

        for (var attempt = 1; ; attempt++)
        {
            var current = await store.LoadAsync(escalationId, cancellationToken).ConfigureAwait(false);
            if (current is null && evt is not EscalationRequested)
                return new WorkflowResult(WorkflowOutcome.NotFound, null);

            var now = time.GetUtcNow();
            var transition = EscalationStateMachine.Apply(current?.State ?? Escalation.New(escalationId), evt, now, policy);
            switch (transition.Outcome)
            {
                case TransitionOutcome.Rejected:
                    return new WorkflowResult(WorkflowOutcome.Rejected, current?.State, transition.Error);
                case TransitionOutcome.Unchanged:
                    return new WorkflowResult(WorkflowOutcome.Unchanged, current?.State, Reason: transition.Reason);
            }

            var receipt = await queues.EnqueueOutboxAsync(escalationId, options.DispatchGrace, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<OutboxRow> rows;
            try
            {
                rows = await store.CommitAsync(current, transition, now, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                await ForgetAsync(receipt).ConfigureAwait(false);
                if (ex is ConcurrencyException && attempt < MaxConflictRetries)
                {
                    LogConflict(escalationId, evt.Name, attempt);
                    continue;
                }

                throw;
            }

            LogApplied(escalationId, evt.Name, transition.State.Status, transition.State.Version);
            if (AfterCommit is { } hook) await hook(cancellationToken).ConfigureAwait(false);
            await DispatchAsync(escalationId, rows, receipt, cancellationToken).ConfigureAwait(false);
            return new WorkflowResult(WorkflowOutcome.Applied, transition.State);
        }
    }

    private async Task DispatchAsync(string escalationId, IReadOnlyList<OutboxRow> rows, MessageReceipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            var retryIn = await dispatcher.DispatchAsync(escalationId, rows, cancellationToken).ConfigureAwait(false);
            if (retryIn is null)
                await queues.DeleteOutboxAsync(receipt, cancellationToken).ConfigureAwait(false);
            else
                await queues.PostponeOutboxAsync(receipt, retryIn.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The commit stands. The outbox message is still queued and re-drives whatever is left.
            LogDispatchDeferred(escalationId, StorageErrors.Describe(ex));
        }
    }

    /// <summary>The commit failed, so the outbox message has nothing to re-drive: remove it if storage lets us.</summary>
    private async Task ForgetAsync(MessageReceipt receipt)
    {
        try
        {
            await queues.DeleteOutboxAsync(receipt, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Harmless: when it shows up it finds an empty outbox.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation {EscalationId}: {Event} applied; now {Status} (v{Version}).")]
    private partial void LogApplied(string escalationId, string @event, EscalationStatus status, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation {EscalationId}: {Event} lost a race (attempt {Attempt}); re-reading.")]
    private partial void LogConflict(string escalationId, string @event, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation {EscalationId}: dispatch deferred to the outbox queue ({ErrorType}).")]
    private partial void LogDispatchDeferred(string escalationId, string errorType);
}
