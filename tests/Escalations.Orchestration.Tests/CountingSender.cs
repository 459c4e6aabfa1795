using System.Collections.Concurrent;
using Escalations.Domain;
using Escalations.Runtime;

namespace Escalations.Orchestration.Tests;

/// <summary>The notification port's test double: records the kind of every notification sent.</summary>
public sealed class CountingSender : INotificationSender
{
    public ConcurrentQueue<NotificationKind> Sent { get; } = new();

    public Task<SentNotification> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        Sent.Enqueue(notification.Kind);
        return Task.FromResult(new SentNotification(["someone@example.com"], notification.IdempotencyKey, null));
    }

    public int Count(NotificationKind kind) => Sent.Count(k => k == kind);
}
