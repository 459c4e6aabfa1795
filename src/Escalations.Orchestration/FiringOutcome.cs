namespace Escalations.Orchestration;

public enum FiringOutcome
{
    /// <summary>The escalation took the timer: a transition was committed.</summary>
    Applied,
    /// <summary>The state row ignored it (cancelled, stale, or already applied); delivered all the same.</summary>
    Ignored,
    /// <summary>Not due yet by the activity's clock: nothing was applied, the orchestration waits out the rest.</summary>
    Early,
}
