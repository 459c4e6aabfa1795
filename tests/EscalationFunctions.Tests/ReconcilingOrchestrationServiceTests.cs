using DurableTask.Core;
using DurableTask.Core.History;
using EscalationFunctions.DevHost;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace EscalationFunctions.Tests;

/// <summary>The development host's task hub drops what Durable Functions' own dispatcher would, before a work item runs.</summary>
public class ReconcilingOrchestrationServiceTests
{
    private static readonly OrchestrationInstance Current = new() { InstanceId = "esc-1", ExecutionId = "current" };

    private static TaskMessage Message(HistoryEvent e, string? executionId = "current") =>
        new() { Event = e, OrchestrationInstance = new OrchestrationInstance { InstanceId = "esc-1", ExecutionId = executionId } };

    private static ExecutionStartedEvent Start(string executionId) =>
        new(-1, "{}") { Name = "EscalationOrchestrator", OrchestrationInstance = new OrchestrationInstance { InstanceId = "esc-1", ExecutionId = executionId } };

    private static async Task<IList<TaskMessage>> ReconcileAsync(IEnumerable<HistoryEvent> history, params TaskMessage[] messages)
    {
        var workItem = new TaskOrchestrationWorkItem
        {
            InstanceId = "esc-1",
            OrchestrationRuntimeState = new OrchestrationRuntimeState(history.ToList()),
            NewMessages = messages.ToList(),
        };
        var inner = new Mock<IOrchestrationService>();
        inner.Setup(s => s.LockNextTaskOrchestrationWorkItemAsync(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ReturnsAsync(workItem);
        var service = new ReconcilingOrchestrationService(inner.Object, NullLogger<ReconcilingOrchestrationService>.Instance);

        return (await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(1), CancellationToken.None)).NewMessages;
    }

    [Fact]
    public async Task A_start_message_that_comes_back_for_a_started_instance_is_dropped_and_the_rest_is_kept()
    {
        var signal = Message(new EventRaisedEvent(-1, "{\"version\":3}") { Name = "Commit" }, executionId: null);

        var kept = await ReconcileAsync([Start("current")], Message(Start("current"), "current"), signal);

        Assert.Equal([signal], kept);
    }

    [Fact]
    public async Task Two_starts_in_one_batch_for_a_new_instance_run_once()
    {
        var first = Message(Start("a"), "a");

        var kept = await ReconcileAsync([], first, Message(Start("b"), "b"));

        Assert.Equal([first], kept);
    }

    [Fact]
    public async Task A_timer_armed_before_continue_as_new_is_dropped_and_the_current_one_kept()
    {
        var stale = Message(new TimerFiredEvent(-1) { TimerId = 0, FireAt = DateTime.UtcNow }, executionId: "earlier");
        var current = Message(new TimerFiredEvent(-1) { TimerId = 1, FireAt = DateTime.UtcNow }, executionId: Current.ExecutionId);

        var kept = await ReconcileAsync([Start("current")], stale, current);

        Assert.Equal([current], kept);
    }
}
