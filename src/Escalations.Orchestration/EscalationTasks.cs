namespace Escalations.Orchestration;

/// <summary>
/// The names the escalation's orchestration and its activities are registered and called by: the Functions
/// host's function names and the development host's task names are these same strings.
/// </summary>
public static class EscalationTasks
{
    /// <summary>The orchestration, one instance per escalation (instance id = escalation id).</summary>
    public const string Orchestrator = "EscalationOrchestrator";

    /// <summary>Reads the escalation's version, whether it is open, and its pending timers.</summary>
    public const string ReadClock = "ReadEscalationClock";

    /// <summary>Applies a due timer to the escalation through the workflow (the state row decides).</summary>
    public const string FireTimer = "FireEscalationTimer";

    /// <summary>The external event a commit sends its orchestration: a <see cref="CommitSignal"/>.</summary>
    public const string CommitEvent = "Commit";
}
