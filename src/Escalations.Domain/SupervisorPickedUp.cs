namespace Escalations.Domain;

public sealed record SupervisorPickedUp(SupervisorRef Supervisor) : EscalationEvent;
