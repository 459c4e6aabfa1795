namespace Escalations.Runtime.Workflow;

public enum IntakeOutcome
{
    /// <summary>A new escalation was started.</summary>
    Created,
    /// <summary>The intake had already gone through (a retry): the escalation it started.</summary>
    AlreadyStarted,
    /// <summary>A repeat call joined the account's open callback request instead of starting a second clock.</summary>
    Linked,
    /// <summary>The domain refused it; see <see cref="IntakeResult.Error"/>.</summary>
    Rejected,
}
