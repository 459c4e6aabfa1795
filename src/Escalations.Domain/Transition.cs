namespace Escalations.Domain;

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
