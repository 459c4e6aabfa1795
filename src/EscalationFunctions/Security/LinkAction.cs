namespace EscalationFunctions.Security;

/// <summary>What a one-click email link does.</summary>
public enum LinkAction
{
    ClaimCallback,
    CompleteResolved,
    CompleteNeedsManagement,
    RequestManagement,
}
