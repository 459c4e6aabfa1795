using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Escalations.Runtime.Storage;

/// <summary>
/// Sends the runtime's queue messages (the outbox re-drive). Messages never expire, and a delay longer than the
/// service allows is capped.
/// </summary>
public sealed class WorkQueues(StorageClients clients)
{
    private static readonly TimeSpan NeverExpire = TimeSpan.FromSeconds(-1);

    public Task<MessageReceipt> EnqueueOutboxAsync(string escalationId, TimeSpan delay, CancellationToken cancellationToken = default) =>
        SendAsync(clients.Outbox, new OutboxMessage(escalationId), delay, cancellationToken);

    /// <summary>Sends an outbox message back to its queue to come again after <paramref name="delay"/>.</summary>
    public Task<MessageReceipt> SendAgainAsync(OutboxMessage message, TimeSpan delay, CancellationToken cancellationToken = default) =>
        SendAsync(clients.Outbox, message, delay, cancellationToken);

    /// <summary>Sends a message to one of the runtime's queues, invisible for <paramref name="delay"/> (capped at the service limit).</summary>
    private static async Task<MessageReceipt> SendAsync<T>(QueueClient queue, T message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        Response<SendReceipt> sent = await StorageErrors.Guard(
            () => queue.SendMessageAsync(StorageJson.Serialize(message), Clamp(delay), NeverExpire, cancellationToken), $"sending to {queue.Name}").ConfigureAwait(false);
        return new MessageReceipt(sent.Value.MessageId, sent.Value.PopReceipt);
    }

    public Task DeleteOutboxAsync(MessageReceipt receipt, CancellationToken cancellationToken = default) =>
        DeleteAsync(clients.Outbox, receipt, cancellationToken);

    public Task PostponeOutboxAsync(MessageReceipt receipt, TimeSpan delay, CancellationToken cancellationToken = default) =>
        PostponeAsync(clients.Outbox, receipt, delay, cancellationToken);

    /// <summary>Deletes a message; a message already gone, or taken by a receiver, is fine.</summary>
    private static async Task DeleteAsync(QueueClient queue, MessageReceipt receipt, CancellationToken cancellationToken = default)
    {
        try
        {
            await queue.DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (IsGoneOrTaken(ex))
        {
        }
    }

    /// <summary>Hides a message for <paramref name="delay"/> more. A message already gone or taken by a receiver is left to it.</summary>
    private static async Task PostponeAsync(QueueClient queue, MessageReceipt receipt, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        try
        {
            await queue.UpdateMessageAsync(receipt.MessageId, receipt.PopReceipt, visibilityTimeout: Clamp(delay), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (IsGoneOrTaken(ex))
        {
        }
    }

    /// <summary>
    /// The message was deleted, or a receiver holds it now (its pop receipt changed): either way someone else
    /// finishes the job, which finds an empty outbox when the work is done.
    /// </summary>
    private static bool IsGoneOrTaken(RequestFailedException ex) =>
        ex.Status == 404 || (ex.Status == 400 && ex.ErrorCode == "PopReceiptMismatch");

    /// <summary>
    /// A delay the queue can honour: whole seconds (the service counts visibility in seconds and the SDK truncates,
    /// so 1.7 s would become 1 s and the message would arrive early and bounce until due), at most the service limit.
    /// </summary>
    public static TimeSpan Clamp(TimeSpan delay) =>
        delay <= TimeSpan.Zero ? TimeSpan.Zero
        : delay >= QueueLimits.MaxVisibilityDelay ? QueueLimits.MaxVisibilityDelay
        : TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));
}
