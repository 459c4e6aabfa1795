namespace Escalations.Domain;

/// <summary>
/// A supervisor called the customer back at <paramref name="At"/> and did not reach them. The callback stays open
/// and its due time does not move: an attempt is not a completion. The time tells two attempts apart (a retried
/// request is the same attempt); a time after the event arrives is recorded as its arrival, one before the callback
/// request as the request's time.
/// </summary>
public sealed record CallbackAttempted(SupervisorRef Supervisor, CallbackOutcome Outcome, DateTimeOffset At, string? Notes = null) : EscalationEvent;
