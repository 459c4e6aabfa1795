namespace Escalations.Domain;

/// <summary>
/// The working area of one transition: the next state being built and the effects collected.
/// Rules call its verbs; only <see cref="EscalationStateMachine"/> creates one.
/// </summary>
public sealed class TransitionContext
{
    private readonly List<Effect> _effects = [];

    internal TransitionContext(Escalation state, EscalationEvent evt, DateTimeOffset now, EscalationOptions options)
    {
        Event = evt;
        Now = now;
        Options = options;
        State = state with
        {
            Version = state.Version + 1,
            UpdatedAt = now,
            AppliedEventIds = state.AppliedEventIds.Add(evt.EventId),
        };
    }

    public Escalation State { get; set; }
    public EscalationEvent Event { get; }
    public DateTimeOffset Now { get; }
    public EscalationOptions Options { get; }
    public IReadOnlyList<Effect> Effects => _effects;

    /// <summary>The agent on the call (set by the intake).</summary>
    public Agent Agent => State.Agent ?? throw new InvalidOperationException("The escalation has no agent before its intake.");

    /// <summary>Appends an entry to the account's Communication History Log, through the event's channel unless told otherwise.</summary>
    public void Record(HistoryAction action, Actor actor, string summary, Channel? channel = null)
    {
        var entry = new HistoryEntry(
            State.Id, State.AccountId, State.HistoryCount, Now, actor, action, channel ?? Event.Channel, summary);
        State = State with { HistoryCount = State.HistoryCount + 1 };
        _effects.Add(new HistoryRecorded(entry));
    }

    /// <summary>Raises a notification to the audience the options name for it, and records it in the history.</summary>
    public void Notify(NotificationKind kind)
    {
        var to = Resolve(Options.Recipients.For(kind));
        _effects.Add(new NotificationRequested(kind, to, $"{State.Id}:{kind}:{State.Version}", State.HistoryCount));
        // Who was actually emailed (a fallback, say) is added to this entry once the relay has the message.
        Record(HistoryAction.Notified, Actor.System, $"{kind.Title()} for {to}.", Channel.Email);
    }

    public void Schedule(TimerKind kind, DateTimeOffset dueAt)
    {
        var timer = new PendingTimer(kind, $"{kind}-{State.Version}", dueAt);
        State = State with { Timers = State.Timers.Add(timer) };
        _effects.Add(new TimerScheduled(timer.Kind, timer.Token, timer.DueAt));
    }

    /// <summary>Cancels the pending timers of the given kinds, or all of them when none are named.</summary>
    public void CancelTimers(params TimerKind[] kinds)
    {
        foreach (var timer in State.Timers.Where(t => kinds.Length == 0 || kinds.Contains(t.Kind)))
        {
            _effects.Add(new TimerCancelled(timer.Kind, timer.Token));
        }

        State = State with { Timers = State.Timers.RemoveAll(t => kinds.Length == 0 || kinds.Contains(t.Kind)) };
    }

    /// <summary>Removes a timer that has just fired.</summary>
    public void Consume(TimerElapsed timer) =>
        State = State with { Timers = State.Timers.RemoveAll(t => t.Token == timer.Token) };

    public void Next(NextStep next) => State = State with { NextStep = next };

    public void Close(Actor by, string resolution)
    {
        CancelTimers();
        State = State with { Resolution = new Resolution(by, resolution, Now) };
        Next(NextStep.None);
    }

    private Recipient Resolve(Audience audience) => audience switch
    {
        Audience.ManagementTeam => new Recipient(RecipientRole.ManagementTeam),
        Audience.ResponsibleSupervisor when State.Supervisor is { } supervisor =>
            new Recipient(RecipientRole.Supervisor, SupervisorId: supervisor.Id),
        _ => Agent.IsBpo
            ? new Recipient(RecipientRole.VendorSupervisors, Vendor: Agent.Vendor)
            : new Recipient(RecipientRole.InHouseSupervisors),
    };
}
