namespace Escalations.Domain;

/// <summary>
/// What the workflow knows about a notification kind, written on the kind itself: its title in the
/// Communication History Log, and whether its email carries one-click action links. Who receives it is an option
/// (<see cref="NotificationAudiences"/>); how it reads is a template in Escalations.Notifications.
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class NotificationAttribute(string title) : Attribute
{
    public string Title { get; } = title;

    /// <summary>The email offers the callback actions (claim, complete, ask management) as signed links.</summary>
    public bool ActionLinks { get; init; }
}
