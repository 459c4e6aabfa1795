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

/// <summary>Why a move was refused. <see cref="Status"/> is the state that refused it.</summary>
public sealed record DomainError(string Code, string Message, EscalationStatus Status)
{
    public const string InvalidTransition = "invalid-transition";
    public const string InvalidEvent = "invalid-event";
}

/// <summary>The result of applying one event: the next state and the effects it asks for, or why nothing happened.</summary>
public sealed record Transition(
    TransitionOutcome Outcome,
    Escalation State,
    IReadOnlyList<Effect> Effects,
    DomainError? Error = null,
    string? Reason = null)
{
    public static Transition Unchanged(Escalation state, string reason) => new(TransitionOutcome.Unchanged, state, [], Reason: reason);

    public static Transition Rejected(Escalation state, DomainError error) => new(TransitionOutcome.Rejected, state, [], error);

    public IEnumerable<HistoryEntry> History => Effects.OfType<HistoryRecorded>().Select(h => h.Entry);
}
