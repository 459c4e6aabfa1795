namespace Escalations.Domain;

/// <summary>What kind of step a history entry records.</summary>
public enum HistoryAction
{
    SupervisorRequested,
    ClaimWarmTransferred,
    MedicalWarmTransferred,
    RoutedToOtherProtocol,
    ThreatDocumented,
    DeEscalated,
    DeEscalationFailed,
    SupervisorTookOver,
    CallbackRequestCreated,
    CallbackClaimed,
    BreachWarningSent,
    SlaBreached,
    CallbackCompleted,
    ManagementAssistanceRequested,
    Resolved,
    CustomerCalledAgain,
    SupervisorGuidanceRequested,
    CallbackAttempted,
    /// <summary>A notification was emailed (channel Email); the summary names the recipients by role.</summary>
    Notified,
}
