namespace Escalations.Runtime.Storage;

public enum OutboxKind
{
    /// <summary>Tell the escalation's orchestration (its clock) of the commit: start it, or signal its new version. (Rows written before this name was used say "Timer".)</summary>
    Clock,
    /// <summary>Send a notification through <see cref="INotificationSender"/>. (Rows written before this name was used say "Email".)</summary>
    Notification,
    /// <summary>Write the account's history rows and the open-escalations index.</summary>
    Projection,
    /// <summary>Mirror the callback request in the follow-up system (<see cref="IFollowUpSync"/>).</summary>
    FollowUp,
}
