using System.Collections.Concurrent;
using Escalations.Domain;

namespace Escalations.Runtime.Tests;

/// <summary>The notification port's test double: records what was sent and fails on demand.</summary>
public sealed class RecordingSender : INotificationSender, IDisposable
{
    public void Dispose() => _entered.Dispose();

    private int _failuresLeft;
    private bool _permanent;

    public ConcurrentQueue<Notification> Sent { get; } = new();
    public int Attempts => _attempts;
    private int _attempts;

    private TaskCompletionSource? _gate;
    private readonly SemaphoreSlim _entered = new(0);

    public void FailNext(int times, bool permanent = false)
    {
        _permanent = permanent;
        Volatile.Write(ref _failuresLeft, times);
    }

    /// <summary>Holds every send until the returned source is completed, like a relay that has not yet accepted.</summary>
    public TaskCompletionSource Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits until a send has reached the sender (and, while held, is waiting at the gate).</summary>
    public Task WaitForSendAsync() => _entered.WaitAsync(TestStorage.Patience).ContinueWith(t => Assert.True(t.Result, "No send reached the sender."), TaskScheduler.Default);

    public async Task<SentNotification> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        _entered.Release();
        if (_gate is { } gate) await gate.Task.WaitAsync(cancellationToken);
        Interlocked.Increment(ref _attempts);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            if (_permanent) throw new PermanentEffectException("Recipient rejected.");
            throw new IOException("SMTP server unavailable.");
        }

        Sent.Enqueue(notification);
        return new SentNotification([$"{notification.To.Role}@recipients.test"], $"{notification.IdempotencyKey}@test", null);
    }

    public IEnumerable<NotificationKind> Kinds(string escalationId) => Sent.Where(n => n.Escalation.Id == escalationId).Select(n => n.Kind);
}
