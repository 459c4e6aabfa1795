namespace Escalations.Domain;

/// <summary>
/// What became of a notification once it was handed to the mail relay: the addresses actually used, the message's
/// id, and why the recipients differ from the audience the rule named (a fallback), if they do.
/// </summary>
public sealed record NotificationDelivery(IReadOnlyList<string> To, string? MessageId, string? Note, DateTimeOffset At);
