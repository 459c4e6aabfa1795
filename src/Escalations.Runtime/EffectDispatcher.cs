using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Escalations.Runtime;

/// <summary>
/// Performs outbox rows: enqueues timers, sends notifications, writes projections. A failed row is retried with
/// exponential back-off; after <see cref="RuntimeOptions.MaxDispatchAttempts"/> attempts, or at once for a
/// permanent failure, it moves to the dead-letter table and an error is logged.
/// </summary>
public sealed partial class EffectDispatcher(
    StorageClients clients,
    EscalationStore store,
    WorkQueues queues,
    Projections projections,
    INotificationSender sender,
    RuntimeOptions options,
    TimeProvider time,
    ILogger<EffectDispatcher> logger)
{
    /// <summary>Performs whatever the escalation's outbox still holds. Returns when to try again, or null when it is empty.</summary>
    public async Task<TimeSpan?> DispatchPendingAsync(string escalationId, CancellationToken cancellationToken = default)
    {
        var rows = await store.GetOutboxAsync(escalationId, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : await DispatchAsync(escalationId, rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Performs the given rows in order. Returns when to try again, or null when none remain.</summary>
    public async Task<TimeSpan?> DispatchAsync(string escalationId, IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var done = new List<OutboxRow>();
        var retry = new List<OutboxRow>();
        DateTimeOffset? next = null;

        foreach (var row in rows)
        {
            if (row.NextAttemptAt > now)
            {
                next = Earliest(next, row.NextAttemptAt);
                continue;
            }

            try
            {
                await PerformAsync(row, now, cancellationToken).ConfigureAwait(false);
                done.Add(row);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var attempts = row.Attempts + 1;
                var reason = $"{ex.GetType().Name}: {ex.Message}";
                if (ex is PermanentNotificationException || attempts >= options.MaxDispatchAttempts)
                {
                    await DeadLetterAsync(row, attempts, reason, now, cancellationToken).ConfigureAwait(false);
                    LogDeadLettered(escalationId, row.Kind, attempts, ex.GetType().Name);
                    done.Add(row);
                }
                else
                {
                    var delay = Backoff(attempts);
                    retry.Add(row with { Attempts = attempts, NextAttemptAt = now + delay, LastError = reason });
                    next = Earliest(next, now + delay);
                    LogRetrying(escalationId, row.Kind, attempts, delay, ex.GetType().Name);
                }
            }
        }

        if (!await store.SettleOutboxAsync(escalationId, done, retry, cancellationToken).ConfigureAwait(false))
            LogSettledElsewhere(escalationId);
        return next is { } at ? WorkQueues.Clamp(at - now) : null;
    }

    internal TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.RetryBaseDelay.Ticks * factor, options.RetryMaxDelay.Ticks));
        return delay;
    }

    private Task PerformAsync(OutboxRow row, DateTimeOffset now, CancellationToken cancellationToken) => row.Kind switch
    {
        OutboxKind.Timer => ScheduleAsync(row.EscalationId, StorageJson.Deserialize<TimerWork>(row.Payload), now, cancellationToken),
        OutboxKind.Email => SendAsync(StorageJson.Deserialize<EmailWork>(row.Payload), cancellationToken),
        OutboxKind.Projection => projections.ProjectAsync(StorageJson.Deserialize<ProjectionWork>(row.Payload), now, cancellationToken),
        _ => throw new InvalidOperationException($"Unknown outbox kind {row.Kind}."),
    };

    private Task<MessageReceipt> ScheduleAsync(string escalationId, TimerWork work, DateTimeOffset now, CancellationToken cancellationToken) =>
        queues.ScheduleTimerAsync(new TimerMessage(escalationId, work.Kind, work.Token, work.DueAt), now, cancellationToken);

    private Task SendAsync(EmailWork work, CancellationToken cancellationToken) =>
        sender.SendAsync(new Notification(work.IdempotencyKey, work.Kind, work.To, work.Snapshot), cancellationToken);

    private Task<Azure.Response> DeadLetterAsync(OutboxRow row, int attempts, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        clients.DeadLetters.UpsertEntityAsync(new TableEntity(row.EscalationId, row.RowKey)
        {
            ["Source"] = "outbox",
            ["Kind"] = row.Kind.ToString(),
            ["Payload"] = row.Payload,
            ["Attempts"] = attempts,
            ["Reason"] = reason,
            ["DeadLetteredAt"] = now,
        }, TableUpdateMode.Replace, cancellationToken);

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation {EscalationId}: {Kind} effect dead-lettered after {Attempts} attempts ({ErrorType}).")]
    private partial void LogDeadLettered(string escalationId, OutboxKind kind, int attempts, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation {EscalationId}: {Kind} effect failed (attempt {Attempts}, {ErrorType}); retrying in {Delay}.")]
    private partial void LogRetrying(string escalationId, OutboxKind kind, int attempts, TimeSpan delay, string errorType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Escalation {EscalationId}: outbox rows were settled by another dispatcher.")]
    private partial void LogSettledElsewhere(string escalationId);
}
