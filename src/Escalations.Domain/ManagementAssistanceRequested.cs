namespace Escalations.Domain;

public sealed record ManagementAssistanceRequested(SupervisorRef Supervisor, string Reason) : EscalationEvent;
