namespace Escalations.Runtime.Storage;

public enum OutboxKind
{
    /// <summary>Enqueue a durable timer message.</summary>
    Timer,
    /// <summary>Send a notification through <see cref="INotificationSender"/>. (Rows written before this name was used say "Email".)</summary>
    Notification,
    /// <summary>Write the account's history rows and the open-escalations index.</summary>
    Projection,
    /// <summary>Mirror the callback request in the follow-up system (<see cref="IFollowUpSync"/>).</summary>
    FollowUp,
}
