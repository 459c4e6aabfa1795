namespace Escalations.Domain;

/// <summary>A supervisor takes ownership of an open callback request.</summary>
public sealed record CallbackClaimed(SupervisorRef Supervisor) : EscalationEvent;
