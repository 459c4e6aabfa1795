using Escalations.Orchestration;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace EscalationFunctions.Functions;

/// <summary>
/// The runtime's outbox queue under the Functions host: an outbox message carries out the effects a commit owes
/// (telling the escalation's orchestration among them, hence the durable client). A message that must come back
/// later is sent again with a delay and this delivery completes, since the host owns the message it delivered; an
/// exception makes the host retry it, and after <c>maxDequeueCount</c> (host.json) move it to the poison queue.
/// Outside the host the runtime's own pump runs the same handler (<c>Runtime:RunPumps</c>).
/// </summary>
public sealed partial class QueueFunctions(OutboxMessageHandler outbox, WorkQueues queues, OrchestrationClient orchestrations, ILogger<QueueFunctions> logger)
{
    [Function(nameof(OutboxQueueTrigger))]
    public async Task OutboxQueueTrigger(
        [QueueTrigger("%Runtime__OutboxQueue%", Connection = "AzureWebJobsStorage")] string message, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        orchestrations.Use(durable);
        var work = StorageJson.Deserialize<OutboxMessage>(message);
        var result = await outbox.HandleAsync(work, ct);
        if (result.RetryAfter is { } delay)
        {
            await queues.SendAgainAsync(work, delay, ct);
            LogDueAgain(nameof(OutboxQueueTrigger), delay);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function}: the message is due again in {Delay}.")]
    private partial void LogDueAgain(string function, TimeSpan delay);
}
