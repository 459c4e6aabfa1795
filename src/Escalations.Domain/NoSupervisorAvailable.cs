namespace Escalations.Domain;

public sealed record NoSupervisorAvailable : EscalationEvent;
