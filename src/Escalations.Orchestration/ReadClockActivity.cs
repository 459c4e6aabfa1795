using Escalations.Runtime.Storage;

namespace Escalations.Orchestration;

/// <summary><see cref="EscalationTasks.ReadClock"/>: the escalation's version, whether it is open, and its pending timers, from its state row.</summary>
public sealed class ReadClockActivity(EscalationStore store)
{
    public async Task<ClockReading> RunAsync(string escalationId, CancellationToken cancellationToken = default) =>
        ClockReading.Of(await store.LoadAsync(escalationId, cancellationToken).ConfigureAwait(false));
}
