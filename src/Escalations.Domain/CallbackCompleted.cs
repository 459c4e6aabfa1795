namespace Escalations.Domain;

public sealed record CallbackCompleted(SupervisorRef Supervisor, bool Resolved, string? Notes = null) : EscalationEvent;
