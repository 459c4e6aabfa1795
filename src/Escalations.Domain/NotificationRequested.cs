namespace Escalations.Domain;

/// <summary>
/// Send one notification. <see cref="IdempotencyKey"/> is unique per escalation and notification;
/// <see cref="HistorySequence"/> is the history entry that records it, which the delivery is added to.
/// </summary>
public sealed record NotificationRequested(NotificationKind Kind, Recipient To, string IdempotencyKey, int HistorySequence = -1) : Effect;
