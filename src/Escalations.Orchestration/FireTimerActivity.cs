using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;

namespace Escalations.Orchestration;

/// <summary>
/// <see cref="EscalationTasks.FireTimer"/>: delivers a due timer to its escalation through <see cref="TimerDelivery"/>,
/// so the state row decides whether it still counts, and nothing is applied before its due time. Answers with the
/// row as it is afterwards, and what the delivery did.
/// </summary>
public sealed class FireTimerActivity(TimerDelivery timers, EscalationStore store)
{
    public async Task<ClockReading> RunAsync(TimerFiring firing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(firing);
        var delivered = await timers.DeliverAsync(firing.EscalationId, firing.Timer, firing.TraceParent, cancellationToken).ConfigureAwait(false);
        var reading = delivered.Outcome == TimerOutcome.Early
            ? ClockReading.Of(await store.LoadAsync(firing.EscalationId, cancellationToken).ConfigureAwait(false))
            : ClockReading.Of(delivered.State, firing.TraceParent);
        return reading with { Delivery = delivered.Outcome };
    }
}
