using Escalations.Domain;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;

namespace Escalations.Orchestration;

/// <summary>
/// What the orchestration knows of its escalation, as its row says: the version, whether it is still open, its
/// pending timers, and the escalation's trace (a W3C traceparent, so a timer's firing joins it). Both activities
/// answer with one: <see cref="EscalationTasks.ReadClock"/> plainly, <see cref="EscalationTasks.FireTimer"/> with
/// <see cref="Delivery"/> set to what firing the timer did. One shape for both, so an answer is always a true
/// reading of the row, even the answer of an activity scheduled by an episode whose checkpoint a crash lost.
/// </summary>
public sealed record ClockReading(int Version, bool Open, IReadOnlyList<PendingTimer> Timers, string? TraceParent = null, TimerOutcome? Delivery = null)
{
    /// <summary>An escalation that is not there: nothing to wait for.</summary>
    public static ClockReading Missing { get; } = new(0, false, []);

    public static ClockReading Of(StoredEscalation? stored) => stored is null ? Missing : Of(stored.State, stored.TraceParent);

    public static ClockReading Of(Escalation? escalation, string? traceParent) =>
        escalation is null ? Missing : new(escalation.Version, escalation.Status.IsOpen(), escalation.Timers, traceParent);
}
