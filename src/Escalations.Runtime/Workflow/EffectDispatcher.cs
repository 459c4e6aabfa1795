using System.Diagnostics;
using Escalations.Domain;
using Microsoft.Extensions.Logging;
using Escalations.Runtime.Storage;

namespace Escalations.Runtime.Workflow;

/// <summary>
/// Performs outbox rows: tells the escalation's clock, sends notifications, writes projections, mirrors follow-up records. A
/// notification row is claimed first (an ETag-conditioned update naming this dispatcher and a lease), so the
/// in-process worker, the outbox re-drive, the sweep and other instances never send the same row at once. A failed
/// row is retried with exponential back-off; after <see cref="RuntimeOptions.MaxDispatchAttempts"/> attempts (never,
/// for a follow-up record, which always sends the current state), or at once for a permanent failure, it moves to
/// the dead-letter table and an error is logged.
/// </summary>
public sealed partial class EffectDispatcher(
    DeadLetters deadLetters,
    EscalationStore store,
    IEscalationClock clock,
    Projections projections,
    INotificationSender sender,
    IFollowUpSync followUps,
    RuntimeOptions options,
    TimeProvider time,
    EscalationTelemetry telemetry,
    ILogger<EffectDispatcher> logger)
{
    /// <summary>Names this dispatcher in the rows it claims.</summary>
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Performs whatever the escalation's outbox still holds. Returns when to try again, or null when it is empty.</summary>
    public async Task<TimeSpan?> DispatchPendingAsync(string escalationId, CancellationToken cancellationToken = default)
    {
        var rows = await store.GetOutboxAsync(escalationId, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : await DispatchAsync(escalationId, rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Performs the given rows (the clock and projections, then notifications, then the follow-up record) and settles
    /// them. Returns when to try again, or null when none remain.
    /// </summary>
    public async Task<TimeSpan?> DispatchAsync(string escalationId, IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken = default)
    {
        // Every follow-up row sends the escalation as it is now, so the latest one does for all of them.
        var superseded = rows.Where(r => r.Kind == OutboxKind.FollowUp).OrderBy(r => r.RowKey, StringComparer.Ordinal).SkipLast(1).ToHashSet();
        var pass = new DispatchPass(escalationId);
        pass.Done.AddRange(superseded);
        var order = rows.Where(r => !superseded.Contains(r)).OrderBy(r => r.Kind == OutboxKind.FollowUp ? 2 : r.NeedsClaim ? 1 : 0);
        await PerformAsync(escalationId, order, pass, cancellationToken).ConfigureAwait(false);
        return await SettleAsync(pass).ConfigureAwait(false);
    }

    /// <summary>
    /// Performs the given rows in order, adding to <paramref name="into"/> (the same escalation's pass so far) or a new
    /// pass. The clock and projections are settled later (<see cref="SettleAsync"/>); a sent notification at once.
    /// </summary>
    public async Task<DispatchPass> PerformAsync(string escalationId, IEnumerable<OutboxRow> rows, DispatchPass? into = null, CancellationToken cancellationToken = default)
    {
        var pass = into ?? new DispatchPass(escalationId);
        foreach (var candidate in rows)
        {
            var now = time.GetUtcNow();
            if (candidate.NextAttemptAt > now)
            {
                pass.Later(candidate.NextAttemptAt);
                continue;
            }

            var row = candidate;
            if (row.NeedsClaim)
            {
                if (row.IsClaimedAt(now))
                {
                    pass.Later(row.ClaimedUntil!.Value);
                    continue;
                }

                OutboxRow? claimed;
                try
                {
                    claimed = await store.ClaimAsync(row, _owner, now + options.ClaimLease, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Nothing was claimed or sent: look again shortly.
                    LogClaimFailed(escalationId, row.Kind, StorageErrors.Describe(ex));
                    pass.Later(now + options.RetryBaseDelay);
                    continue;
                }

                if (claimed is null)
                {
                    // Another dispatcher has it. Look again once its claim would have run out, in case it died.
                    LogClaimLost(escalationId, row.Kind);
                    pass.Later(now + options.ClaimLease);
                    continue;
                }

                row = claimed;
            }

            var sent = false;
            // Each effect is a span in the trace of the commit that asked for it (the escalation's trace).
            using (var span = EscalationTelemetry.Source.StartActivity($"dispatch {row.Kind}", ActivityKind.Internal, EscalationTelemetry.ParentFrom(row.TraceParent)))
            {
                span?.SetTag("escalation.id", escalationId);
                span?.SetTag("escalation.effect", row.Kind.ToString());
                span?.SetTag("escalation.attempt", row.Attempts + 1);
                try
                {
                    await PerformAsync(row, pass, now, cancellationToken).ConfigureAwait(false);
                    pass.Done.Add(row);
                    sent = row.NeedsClaim;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                    await FailedAsync(pass, row, ex, now, cancellationToken).ConfigureAwait(false);
                }
            }

            // A sent notification is settled at once (with whatever this pass did before it), not at the end of the
            // pass: its claim only has to outlast one send, and nothing that fails later can make it look unsent.
            if (sent) await SettleSoFarAsync(pass).ConfigureAwait(false);
        }

        return pass;
    }

    /// <summary>Deletes the performed rows and records the retries. Returns when to try again, or null when nothing is left.</summary>
    public async Task<TimeSpan?> SettleAsync(DispatchPass pass)
    {
        await SettleSoFarAsync(pass).ConfigureAwait(false);
        return pass.Next is { } at ? WorkQueues.Clamp(at - time.GetUtcNow()) : null;
    }

    /// <summary>
    /// Writes what the pass has done so far, then forgets it. Not cancellable: once an email has gone, recording
    /// that is what keeps it from going again.
    /// </summary>
    private async Task SettleSoFarAsync(DispatchPass pass)
    {
        if (pass.Done.Count + pass.Retry.Count == 0) return;
        var touched = await store.SettleOutboxAsync(pass.EscalationId, pass.Done, pass.Retry, pass.Deliveries.Select(d => (d.HistorySequence, d.Delivery)), CancellationToken.None).ConfigureAwait(false);
        if (touched > 0) LogSettledElsewhere(pass.EscalationId, touched);
        foreach (var delivered in pass.Deliveries)
            await projections.RecordDeliveryAsync(pass.EscalationId, delivered.HistorySequence, delivered.AccountId, delivered.EntryAt, delivered.Delivery, CancellationToken.None).ConfigureAwait(false);
        pass.Settled();
    }

    /// <summary>A row that failed: retried with back-off, or dead-lettered when it can never succeed or has had its attempts.</summary>
    private async Task FailedAsync(DispatchPass pass, OutboxRow row, Exception ex, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var attempts = row.Attempts + 1;
        var reason = $"{ex.GetType().Name}: {ex.Message}";
        // A follow-up record is only ever retried while its system is down or throttling: it sends the current state,
        // so it waits as long as that lasts (the outbox-age alert says so) rather than being dead-lettered and lost.
        // So does telling the clock: dead-lettered, the escalation's timers would never be armed.
        var exhausted = attempts >= options.MaxDispatchAttempts && row.Kind is not (OutboxKind.FollowUp or OutboxKind.Clock);
        if (ex is PermanentEffectException || exhausted)
        {
            try
            {
                await DeadLetterAsync(row, attempts, reason, now, cancellationToken).ConfigureAwait(false);
                LogDeadLettered(pass.EscalationId, row.Kind, attempts, ex.GetType().Name);
                if (NotificationKindOf(row) is { } failed) telemetry.Email("failed", failed);
                pass.Done.Add(row);
                return;
            }
            catch (Exception deadLetterFailure) when (deadLetterFailure is not OperationCanceledException)
            {
                // The dead-letter table cannot be written now: keep the row and try again later.
                LogRetrying(pass.EscalationId, row.Kind, attempts, Backoff(attempts), deadLetterFailure.GetType().Name);
            }
        }

        // The other system's Retry-After is a floor: calling sooner only earns another refusal.
        var delay = ex is RetryAfterException { RetryAfter: var after } && after > Backoff(attempts) ? after : Backoff(attempts);
        pass.Retry.Add(row with { Attempts = Math.Min(attempts, options.MaxDispatchAttempts - 1), NextAttemptAt = now + delay, LastError = reason, ClaimedBy = null, ClaimedUntil = null });
        pass.Later(now + delay);
        LogRetrying(pass.EscalationId, row.Kind, attempts, delay, ex.GetType().Name);
        if (NotificationKindOf(row) is { } retried) telemetry.Email("retried", retried);
    }

    /// <summary>The kind of a notification row, for the metrics; null for other rows or a payload that cannot be read.</summary>
    private static NotificationKind? NotificationKindOf(OutboxRow row)
    {
        if (row.Kind != OutboxKind.Notification) return null;
        try
        {
            return StorageJson.Deserialize<NotificationWork>(row.Payload).Kind;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    internal TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.RetryBaseDelay.Ticks * factor, options.RetryMaxDelay.Ticks));
        return delay;
    }

    private Task PerformAsync(OutboxRow row, DispatchPass pass, DateTimeOffset now, CancellationToken cancellationToken) => row.Kind switch
    {
        OutboxKind.Clock => clock.TellAsync(row.EscalationId, StorageJson.Deserialize<ClockWork>(row.Payload).Version, cancellationToken),
        OutboxKind.Notification => SendAsync(StorageJson.Deserialize<NotificationWork>(row.Payload), pass, cancellationToken),
        OutboxKind.Projection => projections.ProjectAsync(StorageJson.Deserialize<ProjectionWork>(row.Payload), now, cancellationToken),
        OutboxKind.FollowUp => FollowUpAsync(row.EscalationId, StorageJson.Deserialize<FollowUpWork>(row.Payload), pass, cancellationToken),
        _ => throw new InvalidOperationException($"Unknown outbox kind {row.Kind}."),
    };

    /// <summary>Sends, and keeps who it actually went to for the notification's history entry.</summary>
    private async Task SendAsync(NotificationWork work, DispatchPass pass, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag("notification.kind", work.Kind.ToString());
        var sent = await sender.SendAsync(new Notification(work.IdempotencyKey, work.Kind, work.To, work.Snapshot), cancellationToken).ConfigureAwait(false);
        telemetry.Email("sent", work.Kind);
        if (work.HistorySequence >= 0)
            pass.Deliveries.Add(new EntryDelivery(work.HistorySequence, work.Snapshot.AccountId, work.Snapshot.UpdatedAt, new NotificationDelivery(sent.To, sent.MessageId, sent.Note, time.GetUtcNow())));
    }

    /// <summary>
    /// Mirrors the escalation as it is now, and notes the record on the history entry of the transition that asked.
    /// Two dispatchers can mirror one escalation at once and their calls can land in either order, so after its call
    /// lands a dispatcher looks again: if the escalation moved on meanwhile, it sends the newer state, and the last
    /// call to land is always of the latest state.
    /// </summary>
    private async Task FollowUpAsync(string escalationId, FollowUpWork work, DispatchPass pass, CancellationToken cancellationToken)
    {
        var current = await store.LoadAsync(escalationId, cancellationToken).ConfigureAwait(false);
        if (current?.State.Callback is null) return;
        FollowUpRecord record;
        while (true)
        {
            record = await followUps.SyncAsync(current.State, cancellationToken).ConfigureAwait(false);
            var now = await store.LoadAsync(escalationId, cancellationToken).ConfigureAwait(false);
            if (now is null || now.State.Version == current.State.Version) break;
            current = now;
        }

        var note = $"{record.System} record {record.RecordId} {(record.Created ? "created" : "updated")} (escalation version {current.State.Version})";
        pass.Deliveries.Add(new EntryDelivery(work.HistorySequence, work.AccountId, work.EntryAt, new NotificationDelivery([record.System], record.RecordId, note, time.GetUtcNow())));
    }

    private Task DeadLetterAsync(OutboxRow row, int attempts, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        deadLetters.AddAsync(new DeadLetter(row.EscalationId, row.RowKey, "outbox", row.Kind.ToString(), row.Payload, attempts, reason, now), cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation {EscalationId}: {Kind} effect dead-lettered after {Attempts} attempts ({ErrorType}).")]
    private partial void LogDeadLettered(string escalationId, OutboxKind kind, int attempts, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation {EscalationId}: {Kind} effect failed (attempt {Attempts}, {ErrorType}); retrying in {Delay}.")]
    private partial void LogRetrying(string escalationId, OutboxKind kind, int attempts, TimeSpan delay, string errorType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Escalation {EscalationId}: {Rows} outbox rows were settled by another dispatcher.")]
    private partial void LogSettledElsewhere(string escalationId, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation {EscalationId}: claiming the {Kind} row failed ({ErrorType}); trying again shortly.")]
    private partial void LogClaimFailed(string escalationId, OutboxKind kind, string errorType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Escalation {EscalationId}: another dispatcher claimed the {Kind} row first.")]
    private partial void LogClaimLost(string escalationId, OutboxKind kind);
}
