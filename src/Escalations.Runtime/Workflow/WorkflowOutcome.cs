namespace Escalations.Runtime.Workflow;

public enum WorkflowOutcome
{
    Applied,
    Unchanged,
    Rejected,
    NotFound,
    /// <summary>A precondition given with the event did not hold; nothing was applied.</summary>
    Skipped,
}
