namespace Escalations.Domain;

/// <summary>
/// One row of the transition table: in these states, on this trigger, when the guard holds, go to this state
/// (or stay) and perform these effects. An <see cref="Ignores"/> row accepts the event and changes nothing.
/// </summary>
public sealed class Rule
{
    private readonly Func<Escalation, EscalationEvent, DateTimeOffset, bool> _guard;
    private readonly Action<TransitionContext, EscalationEvent>? _act;

    private Rule(
        IReadOnlyList<EscalationStatus> from, bool fromAnyOpenState, Type eventType, string trigger, string? guard,
        Func<Escalation, EscalationEvent, DateTimeOffset, bool> test, EscalationStatus? to, string effects, string seed,
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

    /// <summary>Where the rule comes from: "#anchor: text", the anchor naming a section of docs/process.md.</summary>
    public string Seed { get; }

    public bool Ignores => _act is null;

    internal bool Matches(Escalation state, EscalationEvent evt, DateTimeOffset now) =>
        evt.GetType() == EventType && From.Contains(state.Status) && _guard(state, evt, now);

    internal void Act(TransitionContext step, EscalationEvent evt) => _act?.Invoke(step, evt);

    /// <summary>Builds rules for one trigger; the fluent shape keeps each table row on a few aligned lines.</summary>
    public sealed class Builder<TEvent>(
        IReadOnlyList<EscalationStatus> from, bool anyOpen, string trigger, Func<TEvent, bool>? triggerTest = null)
        where TEvent : EscalationEvent
    {
        private string? _guard;
        private Func<Escalation, TEvent, DateTimeOffset, bool> _test = (_, e, _) => triggerTest?.Invoke(e) ?? true;

        public Builder<TEvent> When(string guard, Func<Escalation, TEvent, bool> test) => When(guard, (s, e, _) => test(s, e));

        /// <summary>A guard that also reads the time the event is applied at.</summary>
        public Builder<TEvent> When(string guard, Func<Escalation, TEvent, DateTimeOffset, bool> test)
        {
            var onTrigger = _test;
            _guard = guard;
            _test = (s, e, now) => onTrigger(s, e, now) && test(s, e, now);
            return this;
        }

        public Rule GoTo(EscalationStatus to, string effects, string seed, Action<TransitionContext, TEvent> act) => Build(to, effects, seed, act);

        public Rule Stay(string effects, string seed, Action<TransitionContext, TEvent> act) => Build(null, effects, seed, act);

        public Rule Ignore(string seed) => Build(null, "none: accepted, nothing changes", seed, null);

        private Rule Build(EscalationStatus? to, string effects, string seed, Action<TransitionContext, TEvent>? act)
        {
            var test = _test;
            return new Rule(
                from, anyOpen, typeof(TEvent), trigger, _guard, (s, e, now) => test(s, (TEvent)e, now), to, effects, seed,
                act is null ? null : (step, e) => act(step, (TEvent)e));
        }
    }
}
