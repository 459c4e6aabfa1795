namespace Escalations.Domain;

/// <summary>Send one notification. <see cref="IdempotencyKey"/> is unique per escalation and notification.</summary>
public sealed record NotificationRequested(NotificationKind Kind, Recipient To, string IdempotencyKey) : Effect;
