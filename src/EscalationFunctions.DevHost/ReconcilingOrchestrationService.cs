using DurableTask.Core;
using DurableTask.Core.History;

namespace EscalationFunctions.DevHost;

/// <summary>
/// The storage provider as the task hub's gRPC server sees it, with the one step of Durable Functions' own
/// dispatcher (DurableTask.Core's message reconciliation) that the server's dispatcher leaves out: before a work item
/// runs, a second start of an instance (already started, or twice in one batch), and a message for an earlier
/// execution (a timer armed before a <c>ContinueAsNew</c>, say), are dropped. Both happen in the Azure Storage provider: a kill between
/// writing an instance's history and deleting its messages brings its start message back. A dropped message stays
/// in the provider's batch, so it is deleted when the work item completes. Everything else is passed through.
/// </summary>
public sealed partial class ReconcilingOrchestrationService(IOrchestrationService inner, ILogger<ReconcilingOrchestrationService> logger) : IOrchestrationService
{
    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem?.NewMessages is not { Count: > 0 } messages || workItem.OrchestrationRuntimeState is not { } state) return workItem!;

        var started = state.ExecutionStartedEvent is not null;
        var execution = state.OrchestrationInstance?.ExecutionId;
        var kept = new List<TaskMessage>(messages.Count);
        foreach (var message in messages)
        {
            if (message.Event is ExecutionStartedEvent && started)
                LogDropped(workItem.InstanceId, message.Event.EventType, "the instance has already started");
            else if (message.Event is ExecutionStartedEvent && kept.Any(k => k.Event is ExecutionStartedEvent))
                LogDropped(workItem.InstanceId, message.Event.EventType, "another start came in the same batch");
            else if (message.Event is not ExecutionStartedEvent && started && !string.IsNullOrEmpty(message.OrchestrationInstance?.ExecutionId)
                && !string.Equals(message.OrchestrationInstance.ExecutionId, execution, StringComparison.Ordinal))
                LogDropped(workItem.InstanceId, message.Event.EventType, "it belongs to an earlier execution");
            else
                kept.Add(message);
        }

        if (kept.Count != messages.Count) workItem.NewMessages = kept;
        return workItem;
    }

    public Task StartAsync() => inner.StartAsync();
    public Task StopAsync() => inner.StopAsync();
    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);
    public Task CreateAsync() => inner.CreateAsync();
    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);
    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();
    public Task DeleteAsync() => inner.DeleteAsync();
    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);
    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;
    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState, IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState) =>
        inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;
    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;
    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) => inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);
    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) => inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orchestration {InstanceId}: a {EventType} message was dropped because {Reason}.")]
    private partial void LogDropped(string instanceId, EventType eventType, string reason);
}
