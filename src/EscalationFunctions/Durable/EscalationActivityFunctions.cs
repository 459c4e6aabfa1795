using Escalations.Orchestration;
using Microsoft.Azure.Functions.Worker;

namespace EscalationFunctions.Durable;

/// <summary>The orchestration's activities as functions: one line each, over the activity classes.</summary>
public sealed class EscalationActivityFunctions(ReadClockActivity readClock, FireTimerActivity fireTimer)
{
    [Function(EscalationTasks.ReadClock)]
    public Task<ClockReading> ReadClockAsync([ActivityTrigger] string escalationId, CancellationToken cancellationToken) =>
        readClock.RunAsync(escalationId, cancellationToken);

    [Function(EscalationTasks.FireTimer)]
    public Task<ClockReading> FireTimerAsync([ActivityTrigger] TimerFiring firing, CancellationToken cancellationToken) =>
        fireTimer.RunAsync(firing, cancellationToken);
}
