namespace Escalations.Domain;

public enum TimerKind
{
    /// <summary>The caller has held for a supervisor as long as they may.</summary>
    SupervisorHold,
    /// <summary>The pre-breach reminder to whoever owns the callback.</summary>
    BreachWarning,
    /// <summary>The callback's due time: past it the SLA is breached.</summary>
    CallbackSla,
}
