namespace Escalations.Domain.Tests;

/// <summary>Drives one escalation through events with a clock the test moves by hand.</summary>
internal sealed class Scenario
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    public static readonly Agent InHouseAgent = new("agent-7", "Dana Agent", AgentAffiliation.InHouse);
    public static readonly Agent BpoAgent = new("agent-9", "Sam Outsourced", AgentAffiliation.Bpo, "Acme");
    public static readonly SupervisorRef Sup1 = new("sup-1", "Pat Super");
    public static readonly SupervisorRef Sup2 = new("sup-2", "Lee Super");

    private int _nextId;

    public Scenario(EscalationOptions? options = null) => Options = options ?? new EscalationOptions();

    public EscalationOptions Options { get; }
    public Escalation State { get; private set; } = Escalation.New("esc-1");
    public DateTimeOffset Now { get; private set; } = T0;
    public Transition Last { get; private set; } = null!;
    public List<Effect> AllEffects { get; } = [];

    public string NewId() => $"evt-{++_nextId}";

    public Transition Apply(EscalationEvent evt)
    {
        Last = EscalationStateMachine.Apply(State, evt, Now, Options);
        State = Last.State;
        AllEffects.AddRange(Last.Effects);
        return Last;
    }

    public Transition Start(Agent? agent = null, RequestCategory category = RequestCategory.General, Disclosure? disclosure = null,
        bool serviceRequestInProgress = false, ThreatKind[]? threats = null, string? notes = null) =>
        Apply(new EscalationRequested("contact-1", "acct-42", agent ?? InHouseAgent, category, disclosure, serviceRequestInProgress,
            threats, "+1 555 0100", notes) { EventId = NewId() });

    public Transition DeEscalation(bool resolved, string? notes = null) => Apply(new DeEscalationAttempted(resolved, notes) { EventId = NewId() });
    public Transition PickUp(SupervisorRef supervisor) => Apply(new SupervisorPickedUp(supervisor) { EventId = NewId(), Channel = Channel.Api });
    public Transition NoSupervisor() => Apply(new NoSupervisorAvailable { EventId = NewId() });
    public Transition Claim(SupervisorRef supervisor) => Apply(new CallbackClaimed(supervisor) { EventId = NewId(), Channel = Channel.Api });
    public Transition Complete(SupervisorRef supervisor, bool resolved, string? notes = null) =>
        Apply(new CallbackCompleted(supervisor, resolved, notes) { EventId = NewId(), Channel = Channel.Api });
    public Transition AskManagement(SupervisorRef supervisor, string reason = "Customer wants a refund beyond my authority") =>
        Apply(new ManagementAssistanceRequested(supervisor, reason) { EventId = NewId(), Channel = Channel.Api });
    public Transition AskGuidance(SupervisorRef supervisor, Channel how = Channel.Chat, string? notes = null) =>
        Apply(new SupervisorGuidanceRequested(supervisor, notes) { EventId = NewId(), Channel = how });
    public Transition Attempt(SupervisorRef supervisor, CallbackOutcome outcome = CallbackOutcome.NoAnswer, string? notes = null) =>
        Apply(new CallbackAttempted(supervisor, outcome, Now, notes) { EventId = NewId(), Channel = Channel.Api });
    public Transition Threats(params ThreatKind[] kinds) => Apply(new ThreatsReported(kinds) { EventId = NewId() });
    public Transition Resolve(SupervisorRef by, string resolution = "Refund approved") =>
        Apply(new EscalationResolved(by, resolution) { EventId = NewId(), Channel = Channel.Api });

    /// <summary>Moves the clock to the pending timer's due time and delivers it.</summary>
    public Transition Fire(TimerKind kind)
    {
        var timer = State.Timers.Single(t => t.Kind == kind);
        if (timer.DueAt > Now) Now = timer.DueAt;
        return Apply(new TimerElapsed(kind, timer.Token) { EventId = timer.Token, Channel = Channel.System });
    }

    public void Advance(TimeSpan by) => Now += by;

    /// <summary>Start → not de-escalated → no supervisor: an open callback request.</summary>
    public Scenario WithOpenCallback(Agent? agent = null)
    {
        Start(agent);
        DeEscalation(resolved: false);
        NoSupervisor();
        return this;
    }
}
