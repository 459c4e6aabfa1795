namespace Escalations.Domain;

/// <summary>Where an escalation is in the process. Terminal states end the workflow.</summary>
public enum EscalationStatus
{
    /// <summary>Not yet received; the only state an intake applies to.</summary>
    New,
    /// <summary>The agent is trying to de-escalate and resolve the issue.</summary>
    DeEscalating,
    /// <summary>Not de-escalated: the caller holds for a supervisor to take over, bounded by the hold timeout.</summary>
    AwaitingSupervisor,
    /// <summary>A supervisor has taken over the call.</summary>
    SupervisorHandling,
    /// <summary>A Supervisor Call Back Follow-Up Request is open and its SLA clock runs.</summary>
    CallbackPending,
    /// <summary>The callback was not completed by its due time; management has been notified.</summary>
    SlaBreached,
    /// <summary>The TS&amp;R Management Team has been asked to help.</summary>
    ManagementEngaged,
    /// <summary>Closed: resolved by the agent, a supervisor or management.</summary>
    Resolved,
    /// <summary>Closed for TS&amp;R: a claim-related issue warm-transferred to a Customer Service Agent.</summary>
    ClaimTransferred,
    /// <summary>Closed for TS&amp;R: a medical emergency or high-risk disclosure warm-transferred to Customer Service.</summary>
    MedicalTransferred,
    /// <summary>Closed for TS&amp;R: a request this process does not apply to, routed to its own protocol.</summary>
    RoutedToOtherProtocol,
}
