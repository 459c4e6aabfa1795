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

    private static string NotAllowed(Escalation state, EscalationEvent evt)
    {
        var held = state.Supervisor is { } supervisor && state.Status.IsOpen() ? $", held by supervisor {supervisor}" : "";
        return state.Status == EscalationStatus.New
            ? $"{evt.Name} is not allowed: the escalation has not been started."
            : $"{evt.Name} is not allowed while the escalation is {state.Status}{held}.";
    }
}
