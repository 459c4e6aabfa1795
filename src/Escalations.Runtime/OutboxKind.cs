namespace Escalations.Runtime;

public enum OutboxKind
{
    /// <summary>Enqueue a durable timer message.</summary>
    Timer,
    /// <summary>Send a notification through <see cref="INotificationSender"/>.</summary>
    Email,
    /// <summary>Write the account's history rows and the open-escalations index.</summary>
    Projection,
}
