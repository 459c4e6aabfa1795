using Escalations.Runtime;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Escalations.Orchestration;

/// <summary>
/// Tells an escalation's orchestration of a commit: a <see cref="CommitSignal"/> to a running instance, a start
/// where there is none yet (the intake, or an escalation older than its orchestration) or where it failed or was
/// terminated. The orchestration reads the state row when it starts, so a start makes up for every signal before it.
/// </summary>
public sealed partial class DurableEscalationClock(OrchestrationClient orchestrations, ILogger<DurableEscalationClock> logger) : IEscalationClock
{
    private const int StartLooks = 3;
    private static readonly TimeSpan StartGrace = TimeSpan.FromMilliseconds(200);

    public async Task TellAsync(string escalationId, int version, CancellationToken cancellationToken)
    {
        var client = orchestrations.Client
            ?? throw new InvalidOperationException("No Durable Functions client has been handed to the app yet; the commit's outbox message tells the orchestration later.");
        var instance = await client.GetInstanceAsync(escalationId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        // A later commit that finds no instance has usually overtaken its intake's start by a moment: give the start
        // that moment rather than start it twice (a second start is refused or dropped, but costs the task hub work).
        for (var look = 0; instance is null && version > 1 && look < StartLooks; look++)
        {
            await Task.Delay(StartGrace, cancellationToken).ConfigureAwait(false);
            instance = await client.GetInstanceAsync(escalationId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        }

        switch (instance?.RuntimeStatus)
        {
            case null or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated:
                await StartAsync(client, escalationId, version, instance is not null, cancellationToken).ConfigureAwait(false);
                break;
            case OrchestrationRuntimeStatus.Completed:
                // It completes only when the escalation has closed: nothing is left to wait for.
                break;
            default:
                await client.RaiseEventAsync(escalationId, EscalationTasks.CommitEvent, new CommitSignal(version), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task StartAsync(DurableTaskClient client, string escalationId, int version, bool restart, CancellationToken cancellationToken)
    {
        // An instance that is pending, running or suspended is never started twice: the task hub refuses the start.
        var options = new StartOrchestrationOptions(escalationId).WithDedupeStatuses(
            OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(EscalationTasks.Orchestrator, new ClockInput(escalationId), options, cancellationToken).ConfigureAwait(false);
            if (restart) LogRestarted(escalationId, version);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Refused because another dispatcher started it a moment ago: then the signal goes to that instance (which
            // reads the row when it starts anyway). Any other failure is the dispatcher's to retry.
            var instance = await client.GetInstanceAsync(escalationId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            if (instance?.RuntimeStatus is not (OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended)) throw;
            await client.RaiseEventAsync(escalationId, EscalationTasks.CommitEvent, new CommitSignal(version), cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation {EscalationId}: its orchestration had failed or was terminated; started again at version {Version}.")]
    private partial void LogRestarted(string escalationId, int version);
}
