using Escalations.Runtime.Storage;
namespace Escalations.Runtime.Workflow;

/// <summary>
/// The outbox message sent for a commit, before it: invisible for <see cref="RuntimeOptions.DispatchGrace"/>, it
/// re-drives the commit's effects if this process does not perform them first (a crash, a scale-in). It is sent
/// while the request does its other reads, so it costs the caller no extra round trip.
/// </summary>
public sealed class OutboxBackstop
{
    internal OutboxBackstop(string escalationId, Task<MessageReceipt> sent)
    {
        EscalationId = escalationId;
        Sent = sent;
        // A send that fails is reported where the commit awaits it; one nobody awaits must not go unobserved.
        _ = sent.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    public string EscalationId { get; }

    /// <summary>Completes when the message is on the queue.</summary>
    public Task<MessageReceipt> Sent { get; }
}
