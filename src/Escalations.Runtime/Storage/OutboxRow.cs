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

    /// <summary>Another dispatcher holds this row until <see cref="ClaimedUntil"/>.</summary>
    public bool IsClaimedAt(DateTimeOffset now) => ClaimedUntil is { } until && until > now;

    /// <summary>The rows one transition asks the dispatcher to perform, in the order they should run.</summary>
    public static IReadOnlyList<OutboxRow> For(Transition transition, DateTimeOffset now, string? traceParent = null)
    {
        var state = transition.State;
        var rows = new List<OutboxRow>();
        void Add(OutboxKind kind, object work) =>
            rows.Add(new OutboxRow(state.Id, TableKeys.Outbox(state.Version, rows.Count), kind, StorageJson.Serialize(work), 0, now, now, null, ETag.All, TraceParent: traceParent));

        foreach (var effect in transition.Effects)
        {
            switch (effect)
            {
                case TimerScheduled t:
                    Add(OutboxKind.Timer, new TimerWork(t.Kind, t.Token, t.DueAt));
                    break;
                case NotificationRequested e:
                    Add(OutboxKind.Notification, new NotificationWork(e.Kind, e.To, e.IdempotencyKey, state, e.HistorySequence));
                    break;
            }
        }

        // Cancelled timers need no work: their messages still arrive and the stale token makes them no-ops.
        Add(OutboxKind.Projection, new ProjectionWork(state, transition.History.ToList()));
        return rows;
    }
}
