using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;

namespace Escalations.Runtime.Hosting;

/// <summary>
/// Polls one queue when the app runs outside the Functions host: receives a batch, handles the messages in
/// parallel, deletes what is done and hides what must come back later. A message that cannot be read, or that
/// keeps failing, goes to the dead-letter table. Under the Functions host, queue triggers call the same handlers.
/// </summary>
public sealed partial class QueuePump<TMessage>(
    QueueClient queue,
    Func<TMessage, CancellationToken, Task<HandlerResult>> handle,
    DeadLetters deadLetters,
    RuntimeOptions options,
    TimeProvider time,
    ILogger<QueuePump<TMessage>> logger) : BackgroundService
{
    private readonly List<Task> _helpers = [];
    private int _loops;

    /// <summary>Handles one batch; returns how many messages it received. Public so tests can step the pump.</summary>
    public async Task<int> PumpOnceAsync(CancellationToken cancellationToken)
    {
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(options.ReceiveBatchSize, options.MessageLease, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(messages.Select(m => HandleOneAsync(m, cancellationToken))).ConfigureAwait(false);
        return messages.Length;
    }

    /// <summary>
    /// One receive loop always runs. While batches come back full, more are waiting, so helper loops join, up to
    /// <see cref="RuntimeOptions.ReceiveLoops"/>; each leaves at its first short batch. An idle queue costs one
    /// poll per <see cref="RuntimeOptions.PollInterval"/>, a backlog is drained by several loops at once.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _loops = 1;
        await LoopAsync(primary: true, stoppingToken).ConfigureAwait(false);
        Task[] helpers;
        lock (_helpers) helpers = [.. _helpers];
        await Task.WhenAll(helpers).ConfigureAwait(false);
    }

    /// <summary>Receive loops running now (1 when idle).</summary>
    public int ActiveLoops => Volatile.Read(ref _loops);

    private async Task LoopAsync(bool primary, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var received = 0;
            try
            {
                received = await PumpOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPollFailed(queue.Name, StorageErrors.Describe(ex));
            }

            if (received >= options.ReceiveBatchSize)
            {
                AddHelper(stoppingToken);
                continue;
            }

            if (!primary) break;
            if (received == 0)
            {
                try
                {
                    await Task.Delay(options.PollInterval, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        if (!primary) Interlocked.Decrement(ref _loops);
    }

    private void AddHelper(CancellationToken stoppingToken)
    {
        if (Interlocked.Increment(ref _loops) > options.ReceiveLoops)
        {
            Interlocked.Decrement(ref _loops);
            return;
        }

        lock (_helpers)
        {
            _helpers.RemoveAll(t => t.IsCompleted);
            _helpers.Add(Task.Run(() => LoopAsync(primary: false, stoppingToken), CancellationToken.None));
        }
    }

    private async Task HandleOneAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        TMessage? body;
        try
        {
            body = message.Body.ToObjectFromJson<TMessage>(StorageJson.Options);
        }
        catch (JsonException ex)
        {
            await DeadLetterAsync(message, $"Unreadable message: {ex.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            var result = body is null ? HandlerResult.Done : await handle(body, cancellationToken).ConfigureAwait(false);
            if (result.RetryAfter is { } delay)
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken).ConfigureAwait(false);
            else
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Left alone, the message comes back when its lease ends; one that keeps failing is set aside.
            if (message.DequeueCount >= options.MaxDispatchAttempts)
                await DeadLetterAsync(message, $"{ex.GetType().Name}: {ex.Message}", cancellationToken).ConfigureAwait(false);
            else
                LogHandlerFailed(queue.Name, message.DequeueCount, StorageErrors.Describe(ex));
        }
    }

    private async Task DeadLetterAsync(QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        await deadLetters.AddAsync(
            new DeadLetter($"queue-{queue.Name}", message.MessageId, queue.Name, null, message.Body.ToString(), (int)message.DequeueCount, reason, time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        LogDeadLettered(queue.Name, message.MessageId, message.DequeueCount);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: polling failed ({ErrorType}); trying again.")]
    private partial void LogPollFailed(string queue, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: a message failed on delivery {DequeueCount} ({ErrorType}); it will come back.")]
    private partial void LogHandlerFailed(string queue, long dequeueCount, string errorType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue {Queue}: message {MessageId} dead-lettered after {DequeueCount} deliveries.")]
    private partial void LogDeadLettered(string queue, string messageId, long dequeueCount);
}
