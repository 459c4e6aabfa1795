using static Escalations.Domain.Tests.Scenario;

namespace Escalations.Domain.Tests;

public class RefusalAndIdempotencyTests
{
    [Fact]
    public void Pickup_after_close_is_refused_naming_the_state()
    {
        var s = new Scenario();
        s.Start();
        s.DeEscalation(resolved: true);

        var t = s.PickUp(Sup1);

        Assert.Equal(TransitionOutcome.Rejected, t.Outcome);
        Assert.Equal(EscalationStatus.Resolved, t.Error!.Status);
        Assert.Equal("SupervisorPickedUp is not allowed while the escalation is Resolved.", t.Error.Message);
    }

    [Fact]
    public void Completing_a_callback_that_does_not_exist_is_refused()
    {
        var s = new Scenario();
        s.Start();
        s.DeEscalation(resolved: false);

        var t = s.Complete(Sup1, resolved: true);

        Assert.Equal(TransitionOutcome.Rejected, t.Outcome);
        Assert.Equal(EscalationStatus.AwaitingSupervisor, t.Error!.Status);
    }

    [Fact]
    public void Events_before_the_intake_are_refused()
    {
        var s = new Scenario();

        var t = s.NoSupervisor();

        Assert.Equal(TransitionOutcome.Rejected, t.Outcome);
        Assert.Contains("has not been started", t.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_intake_is_refused()
    {
        var s = new Scenario();
        s.Start();

        var t = s.Start();

        Assert.Equal(TransitionOutcome.Rejected, t.Outcome);
        Assert.Equal(EscalationStatus.DeEscalating, t.Error!.Status);
    }

    [Fact]
    public void The_same_event_applied_twice_changes_nothing_the_second_time()
    {
        var s = new Scenario();
        s.Start();
        var evt = new DeEscalationAttempted(false) { EventId = "retry-me" };
        var first = s.Apply(evt);

        var second = s.Apply(evt);

        Assert.Equal(TransitionOutcome.Applied, first.Outcome);
        Assert.Equal(TransitionOutcome.Unchanged, second.Outcome);
        Assert.Same(first.State, second.State);
        Assert.Empty(second.Effects);
    }

    [Fact]
    public void A_duplicate_event_is_a_no_op_even_after_the_escalation_closed()
    {
        var s = new Scenario();
        s.Start();
        var evt = new DeEscalationAttempted(true) { EventId = "close" };
        s.Apply(evt);

        Assert.Equal(TransitionOutcome.Unchanged, s.Apply(evt).Outcome);
    }

    [Fact]
    public void A_cancelled_timer_that_still_arrives_is_ignored()
    {
        var s = new Scenario();
        s.Start();
        var hold = s.DeEscalation(resolved: false).State.Timers.Single();
        s.PickUp(Sup1);
        s.Advance(TimeSpan.FromHours(1));

        var t = s.Apply(new TimerElapsed(TimerKind.SupervisorHold, hold.Token) { EventId = hold.Token });

        Assert.Equal(TransitionOutcome.Unchanged, t.Outcome);
        Assert.Equal(EscalationStatus.SupervisorHandling, t.State.Status);
    }

    [Fact]
    public void A_timer_with_an_unknown_token_or_the_wrong_kind_is_ignored()
    {
        var s = new Scenario();
        s.Start();
        var hold = s.DeEscalation(resolved: false).State.Timers.Single();
        s.Advance(TimeSpan.FromHours(1));

        var forged = s.Apply(new TimerElapsed(TimerKind.SupervisorHold, "SupervisorHold-99") { EventId = "x1" });
        var wrongKind = s.Apply(new TimerElapsed(TimerKind.CallbackSla, hold.Token) { EventId = "x2" });

        Assert.Equal(TransitionOutcome.Unchanged, forged.Outcome);
        Assert.Equal(TransitionOutcome.Unchanged, wrongKind.Outcome);
        Assert.Equal(EscalationStatus.AwaitingSupervisor, s.State.Status);
    }

    [Fact]
    public void A_timer_delivered_before_its_due_time_changes_nothing()
    {
        var s = new Scenario();
        s.Start();
        var hold = s.DeEscalation(resolved: false).State.Timers.Single();
        s.Advance(TimeSpan.FromMinutes(9));

        var early = s.Apply(new TimerElapsed(TimerKind.SupervisorHold, hold.Token) { EventId = hold.Token });

        Assert.Equal(TransitionOutcome.Unchanged, early.Outcome);
        Assert.Contains("not due", early.Reason, StringComparison.Ordinal);
        Assert.Equal(TransitionOutcome.Applied, s.Fire(TimerKind.SupervisorHold).Outcome);
    }

    [Fact]
    public void A_breach_that_fires_before_a_delayed_warning_leaves_no_warning_behind()
    {
        var s = new Scenario().WithOpenCallback();
        var warning = s.State.Timers.Single(t => t.Kind == TimerKind.BreachWarning);

        s.Fire(TimerKind.CallbackSla);
        var late = s.Apply(new TimerElapsed(TimerKind.BreachWarning, warning.Token) { EventId = warning.Token });

        Assert.Equal(TransitionOutcome.Unchanged, late.Outcome);
        Assert.DoesNotContain(s.AllEffects.Emails(), e => e.Kind == NotificationKind.BreachWarning);
    }

    public static TheoryData<EscalationEvent, string> InvalidEvents => new()
    {
        { new EscalationRequested("", "acct", InHouseAgent, RequestCategory.General) { EventId = "e" }, "contact id" },
        { new EscalationRequested("c", " ", InHouseAgent, RequestCategory.General) { EventId = "e" }, "account id" },
        { new EscalationRequested("c", "a", new Agent("b1", "B", AgentAffiliation.Bpo), RequestCategory.General) { EventId = "e" }, "vendor" },
        { new EscalationRequested("c", "a", new Agent("i1", "I", AgentAffiliation.InHouse, "Acme"), RequestCategory.General) { EventId = "e" }, "no vendor" },
        { new EscalationRequested("c", "a", InHouseAgent, (RequestCategory)42) { EventId = "e" }, "category" },
        { new EscalationRequested("c", "a", InHouseAgent, RequestCategory.General, (Disclosure)9) { EventId = "e" }, "disclosure" },
        { new DeEscalationAttempted(true) { EventId = "" }, "id" },
        { new ThreatsReported([]) { EventId = "e" }, "at least one threat" },
        { new ThreatsReported([(ThreatKind)7]) { EventId = "e" }, "threat kind" },
        { new SupervisorPickedUp(new SupervisorRef("")) { EventId = "e" }, "supervisor id" },
        { new ManagementAssistanceRequested(Sup1, "") { EventId = "e" }, "reason" },
        { new EscalationResolved(Sup1, "  ") { EventId = "e" }, "description" },
    };

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public void Invalid_events_are_refused_and_change_nothing(EscalationEvent evt, string problem)
    {
        var state = Escalation.New("esc-1");

        var t = EscalationStateMachine.Apply(state, evt, T0, new EscalationOptions());

        Assert.Equal(TransitionOutcome.Rejected, t.Outcome);
        Assert.Equal(DomainError.InvalidEvent, t.Error!.Code);
        Assert.Contains(problem, t.Error.Message, StringComparison.Ordinal);
        Assert.Same(state, t.State);
    }
}
