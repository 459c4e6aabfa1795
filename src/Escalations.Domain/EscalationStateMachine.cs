namespace Escalations.Domain;

/// <summary>Applies events to escalations by the rules of <see cref="EscalationPolicy"/>. Pure: time comes in as <c>now</c>.</summary>
public static class EscalationStateMachine
{
    public static Transition Apply(Escalation state, EscalationEvent evt, DateTimeOffset now, EscalationOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(evt);
        ArgumentNullException.ThrowIfNull(options);

        if (EventValidation.Problem(evt) is { } problem)
            return Transition.Rejected(state, new DomainError(DomainError.InvalidEvent, problem, state.Status));

        if (state.AppliedEventIds.Contains(evt.EventId))
            return Transition.Unchanged(state, $"Event {evt.EventId} was already applied.");

        if (evt is TimerElapsed timer)
        {
            var pending = state.FindTimer(timer.Token);
            if (pending is null || pending.Kind != timer.Kind)
                return Transition.Unchanged(state, $"Timer {timer.Token} is no longer pending.");
            if (now < pending.DueAt)
                return Transition.Unchanged(state, $"Timer {timer.Token} is not due until {pending.DueAt:O}.");
        }

        var rule = EscalationPolicy.Rules.FirstOrDefault(r => r.Matches(state, evt, now));
        if (rule is null)
            return Transition.Rejected(state, new DomainError(DomainError.InvalidTransition, NotAllowed(state, evt), state.Status));

        if (rule.Ignores)
            return Transition.Unchanged(state, $"{evt.Name} ignored: {rule.Guard}.");

        var step = new TransitionContext(state, evt, now, options);
        rule.Act(step, evt);
        step.State = step.State with { Status = rule.To ?? state.Status };

        if (!step.Effects.OfType<HistoryRecorded>().Any())
            throw new InvalidOperationException($"The rule for {evt.Name} in {state.Status} wrote no history entry.");

        return new Transition(TransitionOutcome.Applied, step.State, step.Effects);
    }

    /// <summary>Applies events in order, stopping at the first refusal. Handy for replay and tests.</summary>
    public static Transition ApplyAll(Escalation state, IEnumerable<(EscalationEvent Event, DateTimeOffset At)> events, EscalationOptions options)
    {
        var effects = new List<Effect>();
        foreach (var (evt, at) in events)
        {
            var transition = Apply(state, evt, at, options);
            if (transition.Outcome == TransitionOutcome.Rejected) return transition with { Effects = effects };
            effects.AddRange(transition.Effects);
            state = transition.State;
        }

        return new Transition(TransitionOutcome.Applied, state, effects);
    }

    private static string NotAllowed(Escalation state, EscalationEvent evt)
    {
        var held = state.Supervisor is { } supervisor && state.Status.IsOpen() ? $", held by supervisor {supervisor}" : "";
        return state.Status == EscalationStatus.New
            ? $"{evt.Name} is not allowed: the escalation has not been started."
            : $"{evt.Name} is not allowed while the escalation is {state.Status}{held}.";
    }
}

/// <summary>The domain's last line of defence on event contents; the HTTP layer validates the same and names fields.</summary>
public static class EventValidation
{
    public static string? Problem(EscalationEvent evt) => evt switch
    {
        _ when string.IsNullOrWhiteSpace(evt.EventId) => "An event needs an id.",
        _ when !Enum.IsDefined(evt.Channel) => $"Unknown channel {evt.Channel}.",
        EscalationRequested e => Intake(e),
        SupervisorPickedUp e => Supervisor(e.Supervisor),
        CallbackClaimed e => Supervisor(e.Supervisor),
        CallbackCompleted e => Supervisor(e.Supervisor),
        ManagementAssistanceRequested e => Supervisor(e.Supervisor) ?? Required(e.Reason, "A request for management assistance needs a reason."),
        CustomerCalledAgain e => Required(e.ContactId, "A repeat call needs the contact id.") ?? Required(e.Agent?.Id, "A repeat call needs the agent's id."),
        ThreatsReported e => e.Kinds is null || e.Kinds.Count == 0 ? "Name at least one threat."
            : e.Kinds.Any(k => !Enum.IsDefined(k)) ? "Unknown threat kind." : null,
        EscalationResolved e => Required(e.By?.Id, "A resolution needs who resolved it.") ?? Required(e.Resolution, "A resolution needs a description."),
        TimerElapsed e => !Enum.IsDefined(e.Kind) ? "Unknown timer kind." : Required(e.Token, "A timer needs its token."),
        _ => null,
    };

    private static string? Intake(EscalationRequested e)
    {
        if (string.IsNullOrWhiteSpace(e.ContactId)) return "An escalation needs the contact id.";
        if (string.IsNullOrWhiteSpace(e.AccountId)) return "An escalation needs the account id.";
        if (e.Agent is null || string.IsNullOrWhiteSpace(e.Agent.Id)) return "An escalation needs the agent's id.";
        if (!Enum.IsDefined(e.Agent.Affiliation)) return "Unknown agent affiliation.";
        if (e.Agent.IsBpo && string.IsNullOrWhiteSpace(e.Agent.Vendor)) return "A BPO agent needs a vendor.";
        if (!e.Agent.IsBpo && e.Agent.Vendor is not null) return "An in-house agent has no vendor.";
        if (!Enum.IsDefined(e.Category)) return "Unknown request category.";
        if (e.Disclosure is { } d && !Enum.IsDefined(d)) return "Unknown disclosure.";
        if (e.Threats is { } t && t.Any(k => !Enum.IsDefined(k))) return "Unknown threat kind.";
        return null;
    }

    private static string? Supervisor(SupervisorRef? supervisor) => Required(supervisor?.Id, "A supervisor id is required.");

    private static string? Required(string? value, string problem) => string.IsNullOrWhiteSpace(value) ? problem : null;
}
