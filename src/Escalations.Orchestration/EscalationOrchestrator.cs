using Escalations.Runtime.Workflow;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Escalations.Orchestration;

/// <summary>
/// The escalation's clock: one orchestration per escalation (instance id = escalation id). It reads the
/// escalation's pending timers, arms a durable timer for the earliest, and races it with the next
/// <see cref="CommitSignal"/>. A due timer is applied through the workflow by an activity, so the state row still
/// decides: a cancelled or stale timer is a no-op there. It never decides a rule itself, and it completes when the
/// escalation closes.
/// </summary>
/// <remarks>
/// Never early: a durable timer on Azure Storage can resume up to about a second before its due time, so after
/// a timer fires the due time is checked on the orchestration's own clock, and a timer that resumed early is armed
/// again a margin past its due time (armed for less than a second ahead it would resume at once, over and over).
/// A timer the row keeps pending after its delivery is not armed again (its token is remembered, across
/// generations too). <c>ContinueAsNew</c> after <see cref="TurnsPerGeneration"/> turns keeps the history short.
/// </remarks>
public static partial class EscalationOrchestrator
{
    /// <summary>Turns (a commit signal, or a timer) in one generation before it continues as new.</summary>
    public const int TurnsPerGeneration = 16;

    /// <summary>How many times an activity whose retries ran out is tried again, a wait apart, before the orchestration fails.</summary>
    public const int OutageAttempts = 30;

    /// <summary>How far past its due time a timer that resumed early is armed again.</summary>
    public static readonly TimeSpan EarlyResumeMargin = TimeSpan.FromSeconds(1);

    /// <summary>The wait before an activity whose retries ran out (storage away for minutes) is tried again.</summary>
    public static readonly TimeSpan OutageWait = TimeSpan.FromMinutes(1);

    /// <summary>Retries of a failed activity: the first within a second, doubling to half a minute.</summary>
    public static TaskOptions ActivityRetry { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 8, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    /// <summary>Runs one generation. Returns the escalation's last version read once it is closed (or not there).</summary>
    public static async Task<int> RunAsync(TaskOrchestrationContext context, ClockInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger(typeof(EscalationOrchestrator).FullName!);
        var id = input.EscalationId;
        var delivered = new HashSet<string>(input.Delivered ?? [], StringComparer.Ordinal);
        var clock = await ReadAsync(context, id);
        Task<CommitSignal>? commit = null;
        string? resumedEarly = null;

        for (var turn = 0; turn < TurnsPerGeneration && clock.Open; turn++)
        {
            delivered.IntersectWith(clock.Timers.Select(t => t.Token));
            var next = clock.Timers.Where(t => !delivered.Contains(t.Token)).MinBy(t => t.DueAt);
            context.SetCustomStatus(new ClockStatus(clock.Version, next?.Kind, next?.DueAt));
            // One waiter at a time, kept across turns: a second would leave the first to swallow the next signal.
            commit ??= context.WaitForExternalEvent<CommitSignal>(EscalationTasks.CommitEvent);

            if (next is not null)
            {
                var now = Now(context);
                var fireAt = next.Token == resumedEarly ? (next.DueAt > now ? next.DueAt : now) + EarlyResumeMargin : next.DueAt;
                using var cancel = new CancellationTokenSource();
                var timer = context.CreateTimer(fireAt.UtcDateTime, cancel.Token);
                if (await Task.WhenAny(timer, commit) == timer)
                {
                    resumedEarly = null;
                    var early = next.DueAt - Now(context);
                    if (early > TimeSpan.Zero)
                    {
                        LogEarly(logger, id, next.Kind, early);
                        resumedEarly = next.Token;
                        continue;
                    }

                    var fired = await CallAsync(context, EscalationTasks.FireTimer, new TimerFiring(id, next, clock.TraceParent));
                    if (fired is null || fired.Delivery == TimerOutcome.Early)
                    {
                        // Not applied yet (early by the activity's clock), or an answer that could not be read: again.
                        resumedEarly = next.Token;
                        continue;
                    }

                    // An answer without a delivery is a plain reading (see ClockReading): the timer, still pending, fires again.
                    if (fired.Delivery is not null) delivered.Add(next.Token);
                    clock = fired;
                    continue;
                }

                // Cancel, never CancelAsync: awaiting inside an orchestrator hangs it.
                cancel.Cancel();
            }

            var signal = await commit;
            commit = null;
            if (signal.Version > clock.Version) clock = await ReadAsync(context, id);
        }

        if (!clock.Open)
        {
            context.SetCustomStatus(new ClockStatus(clock.Version, null, null));
            return clock.Version;
        }

        // A signal that came in and was not yet looked at is kept for the next generation, which reads the row first.
        context.ContinueAsNew(new ClockInput(id, delivered.Order(StringComparer.Ordinal).ToList()), preserveUnprocessedEvents: true);
        return clock.Version;
    }

    /// <summary>The orchestration's clock: the time of the episode running now, the same on every replay.</summary>
    private static DateTimeOffset Now(TaskOrchestrationContext context) =>
        new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    /// <summary>Reads the row; an answer that cannot be read (see <see cref="CallAsync"/>) is asked for again.</summary>
    private static async Task<ClockReading> ReadAsync(TaskOrchestrationContext context, string id)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await CallAsync(context, EscalationTasks.ReadClock, id) is { } reading) return reading;
            if (attempt >= OutageAttempts) throw new InvalidOperationException($"Escalation {id}: no readable answer from {EscalationTasks.ReadClock}.");
        }
    }

    /// <summary>
    /// Calls an activity with <see cref="ActivityRetry"/>; when its retries run out (storage away for minutes), waits
    /// <see cref="OutageWait"/> and calls it again, up to <see cref="OutageAttempts"/> times. Null when the answer is
    /// not a reading: after a crash lost an episode's checkpoint, the replayed episode can give the same task number to
    /// another task, and a lost episode's timer can then answer for an activity.
    /// </summary>
    private static async Task<ClockReading?> CallAsync<TInput>(TaskOrchestrationContext context, string activity, TInput input)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await context.CallActivityAsync<ClockReading>(activity, input, ActivityRetry) is { Timers: not null } reading ? reading : null;
            }
            catch (TaskFailedException) when (attempt < OutageAttempts)
            {
                await context.CreateTimer(OutageWait, CancellationToken.None);
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation {EscalationId}: the {Kind} timer resumed {Early} early; waiting out the rest.")]
    private static partial void LogEarly(ILogger logger, string escalationId, Escalations.Domain.TimerKind kind, TimeSpan early);
}
