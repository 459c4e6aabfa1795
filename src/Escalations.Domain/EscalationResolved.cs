namespace Escalations.Domain;

/// <summary>
/// The escalation is closed as resolved. <see cref="ByManagement"/> says whether the person is of the TS&amp;R
/// Management Team when the caller knows (the console does, from the signed-in person's role); when it is not given,
/// the history infers it from the state (management once it is engaged or the SLA is breached).
/// </summary>
public sealed record EscalationResolved(SupervisorRef By, string Resolution, bool? ByManagement = null) : EscalationEvent;
