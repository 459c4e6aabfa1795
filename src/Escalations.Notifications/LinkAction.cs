namespace Escalations.Notifications;

/// <summary>What a one-click email link does.</summary>
public enum LinkAction
{
    ClaimCallback,
    CompleteResolved,
    CompleteNeedsManagement,
    RequestManagement,
}
