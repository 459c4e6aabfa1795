namespace Escalations.Domain;

public enum NotificationKind
{
    /// <summary>The Supervisor Call Back Follow-Up Request, emailed to a BPO vendor's supervisors.</summary>
    CallbackRequest,
    ThreatFlagged,
    BreachWarning,
    SlaBreached,
    ManagementAssistanceRequested,
    /// <summary>The customer called again while the callback is open: its owner is told.</summary>
    CustomerCalledAgain,
}
