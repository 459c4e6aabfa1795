namespace Escalations.Domain;

/// <summary>
/// One row of the transition table: in these states, on this trigger, when the guard holds, go to this state
/// (or stay) and perform these effects. An <see cref="Ignores"/> row accepts the event and changes nothing.
/// </summary>
public sealed class Rule
{
    private readonly Func<Escalation, EscalationEvent, bool> _guard;
    private readonly Action<TransitionContext, EscalationEvent>? _act;

    private Rule(
        IReadOnlyList<EscalationStatus> from, bool fromAnyOpenState, Type eventType, string trigger, string? guard,
        Func<Escalation, EscalationEvent, bool> test, EscalationStatus? to, string effects, string seed,
        Action<TransitionContext, EscalationEvent>? act)
    {
        From = from;
        FromAnyOpenState = fromAnyOpenState;
        EventType = eventType;
        Trigger = trigger;
        Guard = guard;
        _guard = test;
        To = to;
        Effects = effects;
        Seed = seed;
        _act = act;
    }

    public IReadOnlyList<EscalationStatus> From { get; }
    public bool FromAnyOpenState { get; }
    public Type EventType { get; }

    /// <summary>The trigger as the table and diagram print it.</summary>
    public string Trigger { get; }

    /// <summary>The guard in words; null when the rule has none.</summary>
    public string? Guard { get; }

    /// <summary>The next state; null means the escalation stays where it is.</summary>
    public EscalationStatus? To { get; }

    public string Effects { get; }

    /// <summary>The seed document line this rule comes from.</summary>
    public string Seed { get; }

    public bool Ignores => _act is null;

    internal bool Matches(Escalation state, EscalationEvent evt) =>
        evt.GetType() == EventType && From.Contains(state.Status) && _guard(state, evt);

    internal void Act(TransitionContext step, EscalationEvent evt) => _act?.Invoke(step, evt);

    /// <summary>Builds rules for one trigger; the fluent shape keeps each table row on a few aligned lines.</summary>
    public sealed class Builder<TEvent>(
        IReadOnlyList<EscalationStatus> from, bool anyOpen, string trigger, Func<TEvent, bool>? triggerTest = null)
        where TEvent : EscalationEvent
    {
        private string? _guard;
        private Func<Escalation, TEvent, bool> _test = (_, e) => triggerTest?.Invoke(e) ?? true;

        public Builder<TEvent> When(string guard, Func<Escalation, TEvent, bool> test)
        {
            var onTrigger = _test;
            _guard = guard;
            _test = (s, e) => onTrigger(s, e) && test(s, e);
            return this;
        }

        public Rule GoTo(EscalationStatus to, string effects, string seed, Action<TransitionContext, TEvent> act) => Build(to, effects, seed, act);

        public Rule Stay(string effects, string seed, Action<TransitionContext, TEvent> act) => Build(null, effects, seed, act);

        public Rule Ignore(string seed) => Build(null, "none: accepted, nothing changes", seed, null);

        private Rule Build(EscalationStatus? to, string effects, string seed, Action<TransitionContext, TEvent>? act)
        {
            var test = _test;
            return new Rule(
                from, anyOpen, typeof(TEvent), trigger, _guard, (s, e) => test(s, (TEvent)e), to, effects, seed,
                act is null ? null : (step, e) => act(step, (TEvent)e));
        }
    }
}
