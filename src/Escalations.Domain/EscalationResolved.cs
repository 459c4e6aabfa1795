namespace Escalations.Domain;

public sealed record EscalationResolved(SupervisorRef By, string Resolution) : EscalationEvent;
