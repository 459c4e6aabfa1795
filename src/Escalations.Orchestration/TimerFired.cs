namespace Escalations.Orchestration;

/// <summary>What firing a timer did, and the escalation's clock after it (saving the orchestration another read).</summary>
public sealed record TimerFired(FiringOutcome Outcome, ClockReading Clock);
