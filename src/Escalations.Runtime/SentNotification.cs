namespace Escalations.Runtime;

/// <summary>
/// What a sender did with a notification: the addresses it went to, the message's id, and a note when the
/// recipients are a fallback for the audience asked for (no address configured for a vendor, say).
/// </summary>
public sealed record SentNotification(IReadOnlyList<string> To, string? MessageId, string? Note);
