namespace Escalations.Domain;

/// <summary>One call a supervisor made to the customer that did not reach them.</summary>
public sealed record CallbackAttempt(DateTimeOffset At, CallbackOutcome Outcome, SupervisorRef By);
