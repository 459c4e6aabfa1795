namespace Escalations.Domain;

/// <summary>
/// The notifications the workflow raises. A new kind needs, besides its member here: an audience option in
/// <see cref="NotificationAudiences"/>, a template in Escalations.Notifications, and its
/// <c>Escalation__Recipients__*</c> line in the settings files (tests name whichever is missing).
/// </summary>
public enum NotificationKind
{
    /// <summary>The Supervisor Call Back Follow-Up Request, emailed to a BPO vendor's supervisors.</summary>
    [Notification("Supervisor Call Back Follow-Up Request", ActionLinks = true)]
    CallbackRequest,

    [Notification("Threat flag")]
    ThreatFlagged,

    [Notification("Callback due-soon warning", ActionLinks = true)]
    BreachWarning,

    [Notification("Callback SLA breach")]
    SlaBreached,

    [Notification("Request for management assistance")]
    ManagementAssistanceRequested,

    /// <summary>The customer called again while the callback is open: its owner is told.</summary>
    [Notification("Repeat call notice", ActionLinks = true)]
    CustomerCalledAgain,

    /// <summary>A callback attempt reached a wrong number: the agent's supervisors are asked to correct it.</summary>
    [Notification("Callback number correction request")]
    CallbackNumberWrong,
}
