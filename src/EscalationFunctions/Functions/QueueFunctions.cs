using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace EscalationFunctions.Functions;

/// <summary>
/// The runtime's queues under the Functions host: a timer message applies its timer, an outbox message carries out
/// the effects a commit owes. A message that must come back later is sent again with a delay and this delivery
/// completes, since the host owns the message it delivered; an exception makes the host retry it, and after
/// <c>maxDequeueCount</c> (host.json) move it to the poison queue. Outside the host the runtime's own pumps run the
/// same handlers (<c>Runtime:RunPumps</c>).
/// </summary>
public sealed partial class QueueFunctions(TimerMessageHandler timers, OutboxMessageHandler outbox, WorkQueues queues, ILogger<QueueFunctions> logger)
{
    [Function(nameof(TimerQueueTrigger))]
    public async Task TimerQueueTrigger(
        [QueueTrigger("%Runtime__TimerQueue%", Connection = "AzureWebJobsStorage")] string message, CancellationToken ct)
    {
        var timer = StorageJson.Deserialize<TimerMessage>(message);
        var result = await timers.HandleAsync(timer, ct);
        if (result.RetryAfter is { } delay)
        {
            await queues.SendAgainAsync(timer, delay, ct);
            LogDueAgain(nameof(TimerQueueTrigger), delay);
        }
    }

    [Function(nameof(OutboxQueueTrigger))]
    public async Task OutboxQueueTrigger(
        [QueueTrigger("%Runtime__OutboxQueue%", Connection = "AzureWebJobsStorage")] string message, CancellationToken ct)
    {
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
