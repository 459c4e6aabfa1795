namespace Escalations.Domain;

public enum TransitionOutcome
{
    /// <summary>The event moved the escalation: store <see cref="Transition.State"/> and perform the effects.</summary>
    Applied,
    /// <summary>Nothing to do (a duplicate event, a stale timer, a repeated flag): the state is unchanged.</summary>
    Unchanged,
    /// <summary>The move is not allowed: <see cref="Transition.Error"/> says why.</summary>
    Rejected,
}
