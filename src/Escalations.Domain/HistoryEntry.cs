namespace Escalations.Domain;

/// <summary>
/// One line of the account's Communication History Log: who did what, when, through which channel.
/// <see cref="Sequence"/> orders the entries of one escalation. A <see cref="HistoryAction.Notified"/> entry gains
/// its <see cref="Delivery"/> once the email has been handed to the relay.
/// </summary>
public sealed record HistoryEntry(
    string EscalationId,
    string AccountId,
    int Sequence,
    DateTimeOffset At,
    Actor Actor,
    HistoryAction Action,
    Channel Channel,
    string Summary)
{
    public NotificationDelivery? Delivery { get; init; }
}
