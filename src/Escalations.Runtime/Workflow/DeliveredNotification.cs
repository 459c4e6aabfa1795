using Escalations.Domain;

namespace Escalations.Runtime.Workflow;

/// <summary>A notification the relay has, and the history entry (by sequence, account and time) that records it.</summary>
public sealed record DeliveredNotification(int HistorySequence, string AccountId, DateTimeOffset EntryAt, NotificationDelivery Delivery);
