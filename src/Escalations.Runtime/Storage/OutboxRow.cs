using Azure;
using Escalations.Domain;

namespace Escalations.Runtime.Storage;

/// <summary>
/// One pending effect of a committed transition, stored in the escalation's partition. <see cref="TraceParent"/> is
/// the span the effect continues (W3C <c>traceparent</c>); rows stored without it still work.
/// </summary>
public sealed record OutboxRow(
    string EscalationId,
    string RowKey,
    OutboxKind Kind,
    string Payload,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    ETag ETag,
    string? ClaimedBy = null,
    DateTimeOffset? ClaimedUntil = null,
    string? TraceParent = null)
{
    /// <summary>
    /// Notifications are the one effect that must not run twice (a timer message or a projection repeated is a
    /// no-op), so their rows are claimed before they are performed.
    /// </summary>
    public bool NeedsClaim => Kind == OutboxKind.Notification;

    /// <summary>
    /// Calls another system (the mail relay, QuickBase): performed in the dispatch lanes after the timers and
    /// projections, so a slow relay or API never holds those up.
    /// </summary>
    public bool IsExternal => Kind is OutboxKind.Notification or OutboxKind.FollowUp;

    /// <summary>Another dispatcher holds this row until <see cref="ClaimedUntil"/>.</summary>
    public bool IsClaimedAt(DateTimeOffset now) => ClaimedUntil is { } until && until > now;

    /// <summary>
    /// The rows one transition asks the dispatcher to perform, in the order they should run. With
    /// <paramref name="followUps"/>, every transition of an escalation that has a callback request also mirrors it;
    /// <paramref name="traceParent"/> is the span each row's effect continues; <paramref name="byClock"/>: the
    /// escalation's clock made the transition (a timer), so it needs no word of it.
    /// </summary>
    public static IReadOnlyList<OutboxRow> For(Transition transition, DateTimeOffset now, bool followUps = false, string? traceParent = null, bool byClock = false)
    {
        var state = transition.State;
        var rows = new List<OutboxRow>();
        void Add(OutboxKind kind, object work) =>
            rows.Add(new OutboxRow(state.Id, TableKeys.Outbox(state.Version, rows.Count), kind, StorageJson.Serialize(work), 0, now, now, null, ETag.All, TraceParent: traceParent));

        // The clock hears of the intake (which starts it), of every change to the timers and of the close; a commit
        // that changes none of these leaves it waiting as it was, and one the clock made (a timer) it has read already.
        if (!byClock && (state.Version == 1 ? state.Status.IsOpen() : state.Status.IsTerminal() || transition.Effects.Any(e => e is TimerScheduled or TimerCancelled)))
            Add(OutboxKind.Clock, new ClockWork(state.Version));
        foreach (var e in transition.Effects.OfType<NotificationRequested>())
            Add(OutboxKind.Notification, new NotificationWork(e.Kind, e.To, e.IdempotencyKey, state, e.HistorySequence));

        Add(OutboxKind.Projection, new ProjectionWork(state, transition.History.ToList()));
        if (followUps && state.Callback is not null && transition.History.FirstOrDefault() is { } first)
            Add(OutboxKind.FollowUp, new FollowUpWork(first.Sequence, state.AccountId, first.At));
        return rows;
    }
}
