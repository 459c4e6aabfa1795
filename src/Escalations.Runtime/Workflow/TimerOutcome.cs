namespace Escalations.Runtime.Workflow;

public enum TimerOutcome
{
    /// <summary>The escalation took the timer: a transition was committed.</summary>
    Applied,
    /// <summary>The state row ignored it (cancelled, stale, or already applied), or the escalation is not there.</summary>
    Ignored,
    /// <summary>Not due yet by this clock: nothing was applied.</summary>
    Early,
}
