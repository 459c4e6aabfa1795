using Escalations.Domain;

namespace Escalations.Runtime.Workflow;

/// <summary>
/// What another system took for a history entry (by sequence, account and time): an email the relay accepted, or the
/// follow-up record QuickBase stored. Recorded on that entry when the rows settle.
/// </summary>
public sealed record EntryDelivery(int HistorySequence, string AccountId, DateTimeOffset EntryAt, NotificationDelivery Delivery);
