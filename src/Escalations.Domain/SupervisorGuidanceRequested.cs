namespace Escalations.Domain;

/// <summary>
/// While de-escalating, the agent asked a supervisor for advice. The agent keeps the call; the event's
/// <see cref="EscalationEvent.Channel"/> says how the supervisor was reached.
/// </summary>
public sealed record SupervisorGuidanceRequested(SupervisorRef Supervisor, string? Notes = null) : EscalationEvent;
