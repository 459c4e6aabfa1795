using static Escalations.Domain.Tests.Scenario;

namespace Escalations.Domain.Tests;

/// <summary>One test per row of <see cref="EscalationPolicy.Rules"/>, in the table's order.</summary>
public class TransitionTableTests
{
    // Row 1
    [Theory]
    [InlineData(Disclosure.MedicalEmergency, false)]
    [InlineData(Disclosure.HighRisk, true)]
    public void Medical_or_high_risk_disclosure_is_warm_transferred_to_customer_service_with_the_medical_script(Disclosure disclosure, bool inProgress)
    {
        var s = new Scenario();

        var t = s.Start(disclosure: disclosure, serviceRequestInProgress: inProgress, notes: "anything the agent typed");

        Assert.Equal(EscalationStatus.MedicalTransferred, t.State.Status);
        Assert.Equal(NextAction.WarmTransferMedicalEmergency, t.State.NextStep.Action);
        Assert.Contains("x69187", t.State.NextStep.Instruction, StringComparison.Ordinal);
        Assert.Contains("Do not ask", t.State.NextStep.Instruction, StringComparison.Ordinal);
        Assert.Equal(inProgress, t.State.NextStep.Instruction.Contains("severity must be set to Medical Emergency", StringComparison.Ordinal));
        Assert.Null(t.State.Notes);
        Assert.DoesNotContain(t.Effects.History(), h => h.Summary.Contains("anything the agent typed", StringComparison.Ordinal));
        Assert.Equal(HistoryAction.MedicalWarmTransferred, Assert.Single(t.Effects.History()).Action);
        Assert.Empty(t.State.Timers);
    }

    // Row 2
    [Theory]
    [InlineData(Disclosure.RiskToPersons, "Potential Risk to Customer or Service Professional")]
    [InlineData(Disclosure.MediaPolicy, "Media Policy and Guidelines")]
    [InlineData(Disclosure.AttorneyCall, "Call from an Attorney")]
    public void Excluded_request_types_are_routed_to_their_own_protocol(Disclosure disclosure, string protocol)
    {
        var s = new Scenario();

        var t = s.Start(disclosure: disclosure, notes: "free text");

        Assert.Equal(EscalationStatus.RoutedToOtherProtocol, t.State.Status);
        Assert.Equal(NextAction.FollowOtherProtocol, t.State.NextStep.Action);
        Assert.Contains(protocol, t.State.NextStep.Instruction, StringComparison.Ordinal);
        Assert.Null(t.State.Notes);
        Assert.Equal(HistoryAction.RoutedToOtherProtocol, Assert.Single(t.Effects.History()).Action);
    }

    // Row 3
    [Fact]
    public void Claim_related_request_is_warm_transferred_to_customer_service_who_is_told_a_supervisor_was_requested()
    {
        var s = new Scenario();

        var t = s.Start(category: RequestCategory.Claim, notes: "Claim 881 denied");

        Assert.Equal(EscalationStatus.ClaimTransferred, t.State.Status);
        Assert.Equal(NextAction.WarmTransferToCustomerService, t.State.NextStep.Action);
        Assert.Contains("asked to speak to a supervisor", t.State.NextStep.Instruction, StringComparison.Ordinal);
        var entry = Assert.Single(t.Effects.History());
        Assert.Equal(HistoryAction.ClaimWarmTransferred, entry.Action);
        Assert.Equal(new Actor(ActorRole.Agent, "agent-7", "Dana Agent"), entry.Actor);
        Assert.Equal(Channel.ContactCenter, entry.Channel);
        Assert.Contains("Claim 881 denied", entry.Summary, StringComparison.Ordinal);
    }

    // Row 4
    [Fact]
    public void General_supervisor_request_starts_with_a_de_escalation_attempt()
    {
        var s = new Scenario();

        var t = s.Start(notes: "Upset about renewal price");

        Assert.Equal(TransitionOutcome.Applied, t.Outcome);
        Assert.Equal(EscalationStatus.DeEscalating, t.State.Status);
        Assert.Equal(NextAction.AttemptDeEscalation, t.State.NextStep.Action);
        Assert.Equal("Upset about renewal price", t.State.Notes);
        Assert.Equal(("contact-1", "acct-42", T0), (t.State.ContactId, t.State.AccountId, t.State.CreatedAt));
        Assert.Equal(HistoryAction.SupervisorRequested, Assert.Single(t.Effects.History()).Action);
    }

    // Row 5
    [Fact]
    public void Asking_a_supervisor_for_guidance_is_recorded_and_the_agent_keeps_the_call()
    {
        var s = new Scenario();
        s.Start();

        var t = s.AskGuidance(Sup2, Channel.Chat, "asked about the fee waiver");

        Assert.Equal(EscalationStatus.DeEscalating, t.State.Status);
        var entry = Assert.Single(t.Effects.History());
        Assert.Equal((HistoryAction.SupervisorGuidanceRequested, Channel.Chat, ActorRole.Agent), (entry.Action, entry.Channel, entry.Actor.Role));
        Assert.Contains("Lee Super", entry.Summary, StringComparison.Ordinal);
        Assert.Contains("asked about the fee waiver", entry.Summary, StringComparison.Ordinal);
        Assert.Empty(t.Effects.Emails());
        Assert.Empty(t.State.Timers);
        Assert.Null(t.State.Supervisor); // advice, not a handover
        Assert.Equal(EscalationStatus.Resolved, s.DeEscalation(resolved: true).State.Status);
    }

    [Fact]
    public void Guidance_is_refused_once_the_call_has_left_the_agent()
    {
        var s = new Scenario();
        s.Start();
        s.DeEscalation(resolved: false);

        var t = s.AskGuidance(Sup1);

        Assert.Equal(TransitionOutcome.Rejected, t.Outcome);
        Assert.Contains("AwaitingSupervisor", t.Error!.Message, StringComparison.Ordinal);
    }

    // Row 6
    [Fact]
    public void Resolved_de_escalation_closes_the_escalation()
    {
        var s = new Scenario();
        s.Start();

        var t = s.DeEscalation(resolved: true, notes: "Explained the renewal price");

        Assert.Equal(EscalationStatus.Resolved, t.State.Status);
        Assert.Equal(ActorRole.Agent, t.State.Resolution!.By.Role);
        Assert.Equal(HistoryAction.DeEscalated, Assert.Single(t.Effects.History()).Action);
        Assert.Equal(NextAction.None, t.State.NextStep.Action);
    }

    // Row 7
    [Fact]
    public void Failed_de_escalation_waits_for_a_supervisor_bounded_by_the_hold_timeout()
    {
        var s = new Scenario(new EscalationOptions { SupervisorHoldTimeout = TimeSpan.FromMinutes(7) });
        s.Start();

        var t = s.DeEscalation(resolved: false);

        Assert.Equal(EscalationStatus.AwaitingSupervisor, t.State.Status);
        var timer = Assert.Single(t.Effects.OfType<TimerScheduled>());
        Assert.Equal((TimerKind.SupervisorHold, T0.AddMinutes(7)), (timer.Kind, timer.DueAt));
        Assert.Equal(timer.Token, Assert.Single(t.State.Timers).Token);
        Assert.Equal(NextAction.HoldForSupervisor, t.State.NextStep.Action);
        Assert.Contains("7 minutes", t.State.NextStep.Instruction, StringComparison.Ordinal);
    }

    // Row 8
    [Fact]
    public void Supervisor_pickup_takes_over_the_call_and_cancels_the_hold_timer()
    {
        var s = new Scenario();
        s.Start();
        var hold = s.DeEscalation(resolved: false).State.Timers.Single();

        var t = s.PickUp(Sup1);

        Assert.Equal(EscalationStatus.SupervisorHandling, t.State.Status);
        Assert.Equal(Sup1, t.State.Supervisor);
        Assert.Equal(new TimerCancelled(TimerKind.SupervisorHold, hold.Token), Assert.Single(t.Effects.OfType<TimerCancelled>()));
        Assert.Empty(t.State.Timers);
        var entry = Assert.Single(t.Effects.History());
        Assert.Equal((HistoryAction.SupervisorTookOver, ActorRole.Supervisor, Channel.Api), (entry.Action, entry.Actor.Role, entry.Channel));
    }

    [Fact]
    public void A_second_pickup_is_refused_naming_the_state_and_who_holds_it()
    {
        var s = new Scenario();
        s.Start();
        s.DeEscalation(resolved: false);
        s.PickUp(Sup1);

        var t = s.PickUp(Sup2);

        Assert.Equal(TransitionOutcome.Rejected, t.Outcome);
        Assert.Equal(DomainError.InvalidTransition, t.Error!.Code);
        Assert.Equal(EscalationStatus.SupervisorHandling, t.Error.Status);
        Assert.Contains("SupervisorHandling", t.Error.Message, StringComparison.Ordinal);
        Assert.Contains("sup-1", t.Error.Message, StringComparison.Ordinal);
        Assert.Equal(Sup1, t.State.Supervisor);
        Assert.Empty(t.Effects);
    }

    // Row 9
    [Fact]
    public void No_pickup_within_the_hold_timeout_opens_a_callback_request_due_after_the_sla()
    {
        var s = new Scenario();
        s.Start(BpoAgent);
        s.DeEscalation(resolved: false);

        var t = s.Fire(TimerKind.SupervisorHold);

        Assert.Equal(EscalationStatus.CallbackPending, t.State.Status);
        var fired = T0.AddMinutes(10);
        Assert.Equal(new CallbackRequest(fired, fired.AddHours(48)), t.State.Callback);
        Assert.Equal(
            [(TimerKind.BreachWarning, fired.AddHours(36)), (TimerKind.CallbackSla, fired.AddHours(48))],
            t.State.Timers.Select(x => (x.Kind, x.DueAt)));
        Assert.Equal("A supervisor will call you back. The turnaround time for a callback is 48 hours.", t.State.NextStep.CallerScript);
        Assert.Equal(ActorRole.System, t.Effects.History().First().Actor.Role);
    }

    [Fact]
    public void A_bpo_agents_callback_request_is_emailed_to_that_vendors_supervisors()
    {
        var s = new Scenario();

        s.WithOpenCallback(BpoAgent);

        var email = Assert.Single(s.Last.Effects.Emails());
        Assert.Equal(NotificationKind.CallbackRequest, email.Kind);
        Assert.Equal(new Recipient(RecipientRole.VendorSupervisors, Vendor: "Acme"), email.To);
        Assert.Contains(s.Last.Effects.History(), h => h.Action == HistoryAction.Notified && h.Channel == Channel.Email);
    }

    [Fact]
    public void An_in_house_agents_callback_request_goes_to_the_callback_queue_without_email()
    {
        var s = new Scenario();

        s.WithOpenCallback(InHouseAgent);

        Assert.Equal(EscalationStatus.CallbackPending, s.State.Status);
        Assert.Empty(s.Last.Effects.Emails());
    }

    // Row 10
    [Fact]
    public void Agent_reporting_no_supervisor_available_opens_the_callback_request_at_once()
    {
        var s = new Scenario(new EscalationOptions { CallbackSla = TimeSpan.FromHours(24) });
        s.Start();
        var hold = s.DeEscalation(resolved: false).State.Timers.Single();
        s.Advance(TimeSpan.FromMinutes(3));

        var t = s.NoSupervisor();

        Assert.Equal(EscalationStatus.CallbackPending, t.State.Status);
        Assert.Equal(s.Now.AddHours(24), t.State.Callback!.DueAt);
        Assert.Contains(new TimerCancelled(TimerKind.SupervisorHold, hold.Token), t.Effects);
        Assert.Equal(ActorRole.Agent, t.Effects.History().First().Actor.Role);
        Assert.Equal("A supervisor will call you back. The turnaround time for a callback is 24 hours.", t.State.NextStep.CallerScript);
    }

    // Row 11
    [Fact]
    public void A_supervisor_claims_an_unowned_callback_and_another_supervisor_cannot_take_it()
    {
        var s = new Scenario().WithOpenCallback();

        var claimed = s.Claim(Sup1);
        var refused = s.Claim(Sup2);

        Assert.Equal(TransitionOutcome.Applied, claimed.Outcome);
        Assert.Equal(Sup1, claimed.State.Callback!.Owner);
        Assert.Equal(EscalationStatus.CallbackPending, claimed.State.Status);
        Assert.Equal(TransitionOutcome.Rejected, refused.Outcome);
        Assert.Contains("sup-1", refused.Error!.Message, StringComparison.Ordinal);
    }

    // Row 12
    [Fact]
    public void The_owner_claiming_again_changes_nothing()
    {
        var s = new Scenario().WithOpenCallback();
        var before = s.Claim(Sup1).State;

        var t = s.Claim(Sup1);

        Assert.Equal(TransitionOutcome.Unchanged, t.Outcome);
        Assert.Same(before, t.State);
        Assert.Empty(t.Effects);
    }

    // Row 13
    [Fact]
    public void An_attempt_on_an_unowned_callback_claims_it_counts_and_keeps_the_promise()
    {
        var s = new Scenario().WithOpenCallback();
        var due = s.State.Callback!.DueAt;
        var timers = s.State.Timers;
        s.Advance(TimeSpan.FromHours(2));

        var t = s.Attempt(Sup1, CallbackOutcome.VoicemailLeft, "left a message");

        Assert.Equal(EscalationStatus.CallbackPending, t.State.Status);
        var c = t.State.Callback!;
        Assert.Equal((Sup1, 1, due, false), (c.Owner, c.Attempts, c.DueAt, c.Unreachable));
        Assert.Equal(new CallbackAttempt(s.Now, CallbackOutcome.VoicemailLeft, Sup1), c.LastAttempt);
        Assert.Equal(timers, t.State.Timers);
        Assert.Equal([HistoryAction.CallbackClaimed, HistoryAction.CallbackAttempted], t.Effects.History().Select(h => h.Action));
        Assert.Contains($"at {Durations.Stamp(s.Now)}: no answer, voicemail left (attempt 1)", t.Effects.History().Last().Summary, StringComparison.Ordinal);
        Assert.Empty(t.Effects.Emails());
    }

    [Fact]
    public void The_configured_number_of_attempts_flags_the_customer_unreachable_and_closes_nothing()
    {
        var s = new Scenario(new EscalationOptions { MaxCallbackAttempts = 3 }).WithOpenCallback();
        s.Claim(Sup1);

        var first = s.Attempt(Sup1);
        var second = s.Attempt(Sup1);
        var third = s.Attempt(Sup1);
        var fourth = s.Attempt(Sup1, CallbackOutcome.VoicemailLeft);

        Assert.Equal([false, false, true, true], new[] { first, second, third, fourth }.Select(t => t.State.Callback!.Unreachable));
        Assert.Contains("flagged unreachable", third.Effects.History().Single().Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("flagged unreachable", fourth.Effects.History().Single().Summary, StringComparison.Ordinal);
        Assert.Equal((EscalationStatus.CallbackPending, 4), (fourth.State.Status, fourth.State.Callback!.Attempts));
        Assert.Equal(EscalationStatus.Resolved, s.Complete(Sup1, resolved: true).State.Status);
    }

    [Fact]
    public void An_attempts_time_is_held_between_the_request_and_its_arrival_and_a_late_record_keeps_the_later_last_attempt()
    {
        var s = new Scenario().WithOpenCallback();
        s.Advance(TimeSpan.FromHours(3));

        var requested = s.State.Callback!.RequestedAt;

        var earlier = s.Apply(new CallbackAttempted(Sup1, CallbackOutcome.NoAnswer, s.Now.AddHours(-1)) { EventId = s.NewId() });
        var beforeTheRequest = s.Apply(new CallbackAttempted(Sup1, CallbackOutcome.VoicemailLeft, DateTimeOffset.MinValue) { EventId = s.NewId() });
        var future = s.Apply(new CallbackAttempted(Sup1, CallbackOutcome.WrongNumber, s.Now.AddHours(1)) { EventId = s.NewId() });

        Assert.Equal(s.Now.AddHours(-1), earlier.State.Callback!.LastAttempt!.At);
        // Recorded late, an earlier call counts but the later one stays the last attempt; no time before the request.
        Assert.Equal((2, s.Now.AddHours(-1), CallbackOutcome.NoAnswer), (beforeTheRequest.State.Callback!.Attempts, beforeTheRequest.State.Callback.LastAttempt!.At, beforeTheRequest.State.Callback.LastAttempt.Outcome));
        Assert.Contains($"at {Durations.Stamp(requested)}", beforeTheRequest.Effects.History().Single().Summary, StringComparison.Ordinal);
        Assert.Equal((s.Now, CallbackOutcome.WrongNumber), (future.State.Callback!.LastAttempt!.At, future.State.Callback.LastAttempt.Outcome));
    }

    [Fact]
    public void A_wrong_number_emails_the_agents_supervisors_to_correct_it()
    {
        var s = new Scenario().WithOpenCallback(BpoAgent);
        s.Claim(Sup1);

        var t = s.Attempt(Sup1, CallbackOutcome.WrongNumber);

        var email = Assert.Single(t.Effects.Emails());
        Assert.Equal((NotificationKind.CallbackNumberWrong, new Recipient(RecipientRole.VendorSupervisors, Vendor: "Acme")), (email.Kind, email.To));
        Assert.Contains("Callback number correction request for", t.Effects.History().Last().Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_supervisors_attempt_on_an_owned_callback_is_refused()
    {
        var s = new Scenario().WithOpenCallback();
        s.Claim(Sup1);

        var t = s.Attempt(Sup2);

        Assert.Equal(TransitionOutcome.Rejected, t.Outcome);
        Assert.Equal(0, s.State.Callback!.Attempts);
    }

    [Fact]
    public void Attempts_after_a_breach_are_recorded_and_raise_no_second_breach()
    {
        var s = new Scenario().WithOpenCallback();
        s.Fire(TimerKind.BreachWarning);
        s.Fire(TimerKind.CallbackSla);

        var t = s.Attempt(Sup1);

        Assert.Equal((EscalationStatus.SlaBreached, 1), (t.State.Status, t.State.Callback!.Attempts));
        Assert.Single(s.AllEffects.Emails(), e => e.Kind == NotificationKind.SlaBreached);
    }

    // Row 14
    [Fact]
    public void Owner_is_warned_at_the_configured_share_of_the_sla()
    {
        var s = new Scenario(new EscalationOptions { BreachWarningAt = 0.5 }).WithOpenCallback();
        s.Claim(Sup1);

        var t = s.Fire(TimerKind.BreachWarning);

        Assert.Equal(EscalationStatus.CallbackPending, t.State.Status);
        Assert.Equal(T0.AddHours(24), s.Now);
        Assert.Equal(s.Now, t.State.Callback!.WarningSentAt);
        var email = Assert.Single(t.Effects.Emails());
        Assert.Equal((NotificationKind.BreachWarning, new Recipient(RecipientRole.Supervisor, SupervisorId: "sup-1")), (email.Kind, email.To));
        Assert.Equal(TimerKind.CallbackSla, Assert.Single(t.State.Timers).Kind);
    }

    [Fact]
    public void Warning_for_an_unowned_callback_goes_to_the_agents_supervisors()
    {
        var s = new Scenario().WithOpenCallback(BpoAgent);

        var t = s.Fire(TimerKind.BreachWarning);

        Assert.Equal(new Recipient(RecipientRole.VendorSupervisors, Vendor: "Acme"), Assert.Single(t.Effects.Emails()).To);
    }

    // Row 15
    [Fact]
    public void A_warning_delivered_after_the_callback_is_due_is_ignored_and_the_breach_supersedes_it()
    {
        var s = new Scenario().WithOpenCallback();
        var warning = s.State.Timers.Single(t => t.Kind == TimerKind.BreachWarning);
        s.Advance(TimeSpan.FromHours(49));

        var late = s.Apply(new TimerElapsed(TimerKind.BreachWarning, warning.Token) { EventId = warning.Token });
        var breach = s.Fire(TimerKind.CallbackSla);

        Assert.Equal(TransitionOutcome.Unchanged, late.Outcome);
        Assert.Empty(late.Effects);
        Assert.Equal(EscalationStatus.SlaBreached, breach.State.Status);
        Assert.Empty(breach.State.Timers);
        Assert.DoesNotContain(s.AllEffects.Emails(), e => e.Kind == NotificationKind.BreachWarning);
    }

    // Row 16
    [Fact]
    public void Callback_not_completed_in_48h_escalates_to_management_exactly_once()
    {
        var s = new Scenario().WithOpenCallback(BpoAgent);
        s.Fire(TimerKind.BreachWarning);
        var slaToken = s.State.Timers.Single().Token;

        var breach = s.Fire(TimerKind.CallbackSla);
        var redelivered = s.Apply(new TimerElapsed(TimerKind.CallbackSla, slaToken) { EventId = slaToken });
        var sameTokenNewId = s.Apply(new TimerElapsed(TimerKind.CallbackSla, slaToken) { EventId = "another-delivery" });

        Assert.Equal(EscalationStatus.SlaBreached, breach.State.Status);
        Assert.Equal(T0.AddHours(48), breach.State.Callback!.BreachedAt);
        Assert.Equal(new Recipient(RecipientRole.ManagementTeam), Assert.Single(breach.Effects.Emails()).To);
        Assert.Equal(TransitionOutcome.Unchanged, redelivered.Outcome);
        Assert.Equal(TransitionOutcome.Unchanged, sameTokenNewId.Outcome);
        Assert.Single(s.AllEffects.Emails(), e => e.Kind == NotificationKind.SlaBreached);
    }

    // Row 17
    [Fact]
    public void Callback_completed_and_resolved_closes_and_cancels_the_sla_timers()
    {
        var s = new Scenario().WithOpenCallback();
        var tokens = s.State.Timers.Select(t => t.Token).ToArray();

        var t = s.Complete(Sup1, resolved: true, notes: "Credited one month");

        Assert.Equal(EscalationStatus.Resolved, t.State.Status);
        Assert.Equal(s.Now, t.State.Callback!.CompletedAt);
        Assert.Equal(tokens, t.Effects.OfType<TimerCancelled>().Select(c => c.Token));
        Assert.Empty(t.State.Timers);
        Assert.Empty(t.Effects.Emails());
        Assert.Equal("Credited one month", t.State.Resolution!.Text);
    }

    [Fact]
    public void Callback_completed_after_a_breach_still_closes_it()
    {
        var s = new Scenario().WithOpenCallback();
        s.Fire(TimerKind.BreachWarning);
        s.Fire(TimerKind.CallbackSla);

        var t = s.Complete(Sup2, resolved: true);

        Assert.Equal(EscalationStatus.Resolved, t.State.Status);
    }

    // Row 18
    [Fact]
    public void Callback_the_supervisor_cannot_resolve_goes_to_the_management_team()
    {
        var s = new Scenario().WithOpenCallback();

        var t = s.Complete(Sup1, resolved: false, notes: "Wants a full refund");

        Assert.Equal(EscalationStatus.ManagementEngaged, t.State.Status);
        Assert.Equal(
            [HistoryAction.CallbackCompleted, HistoryAction.ManagementAssistanceRequested, HistoryAction.Notified],
            t.Effects.History().Select(h => h.Action));
        Assert.Equal(NotificationKind.ManagementAssistanceRequested, Assert.Single(t.Effects.Emails()).Kind);
        Assert.Empty(t.State.Timers);
    }

    // Row 19
    [Fact]
    public void Supervisor_on_the_call_who_cannot_resolve_brings_in_management()
    {
        var s = new Scenario();
        s.Start();
        s.DeEscalation(resolved: false);
        s.PickUp(Sup1);

        var t = s.AskManagement(Sup1, "Policy exception needed");

        Assert.Equal(EscalationStatus.ManagementEngaged, t.State.Status);
        Assert.Equal(new ManagementRequest(Sup1, "Policy exception needed", s.Now), t.State.ManagementRequest);
        var email = Assert.Single(t.Effects.Emails());
        Assert.Equal((NotificationKind.ManagementAssistanceRequested, RecipientRole.ManagementTeam), (email.Kind, email.To.Role));
        Assert.Contains(t.Effects.History(), h => h.Summary.Contains("Policy exception needed", StringComparison.Ordinal));
    }

    // Row 20
    [Fact]
    public void Threat_flag_documents_the_account_and_notifies_a_supervisor_in_any_open_state()
    {
        foreach (var reach in OpenStateRoutes)
        {
            var s = new Scenario();
            reach(s);
            var status = s.State.Status;

            var t = s.Threats(ThreatKind.Lawyer, ThreatKind.Bbb);

            Assert.Equal(TransitionOutcome.Applied, t.Outcome);
            Assert.Equal(status, t.State.Status);
            Assert.Equal([ThreatKind.Bbb, ThreatKind.Lawyer], t.State.Threats);
            Assert.Contains(t.Effects.History(), h => h.Action == HistoryAction.ThreatDocumented);
            Assert.Equal(NotificationKind.ThreatFlagged, Assert.Single(t.Effects.Emails()).Kind);
        }
    }

    [Fact]
    public void Threats_reported_at_intake_are_documented_even_when_the_call_is_transferred()
    {
        var s = new Scenario();

        var t = s.Start(BpoAgent, RequestCategory.Claim, threats: [ThreatKind.SocialMedia]);

        Assert.Equal(EscalationStatus.ClaimTransferred, t.State.Status);
        Assert.Equal([ThreatKind.SocialMedia], t.State.Threats);
        var email = Assert.Single(t.Effects.Emails());
        Assert.Equal((NotificationKind.ThreatFlagged, new Recipient(RecipientRole.VendorSupervisors, Vendor: "Acme")), (email.Kind, email.To));
    }

    // Row 21
    [Fact]
    public void A_repeated_threat_flag_is_recorded_once()
    {
        var s = new Scenario();
        s.Start(threats: [ThreatKind.Bbb]);

        var repeat = s.Threats(ThreatKind.Bbb);
        var partlyNew = s.Threats(ThreatKind.Bbb, ThreatKind.Lawyer);

        Assert.Equal(TransitionOutcome.Unchanged, repeat.Outcome);
        Assert.Empty(repeat.Effects);
        Assert.Equal(TransitionOutcome.Applied, partlyNew.Outcome);
        Assert.Contains("a lawyer", partlyNew.Effects.History().First().Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("BBB", partlyNew.Effects.History().First().Summary, StringComparison.Ordinal);
    }

    // Row 22
    [Fact]
    public void Any_open_escalation_can_be_resolved_and_its_timers_are_cancelled()
    {
        foreach (var reach in OpenStateRoutes)
        {
            var s = new Scenario();
            reach(s);
            var pending = s.State.Timers.Count;

            var t = s.Resolve(Sup2);

            Assert.Equal(EscalationStatus.Resolved, t.State.Status);
            Assert.Equal(pending, t.Effects.OfType<TimerCancelled>().Count());
            Assert.Empty(t.State.Timers);
            Assert.Equal("Refund approved", t.State.Resolution!.Text);
        }
    }

    [Fact]
    public void Management_resolving_closes_the_escalation_as_management()
    {
        var s = new Scenario();
        s.Start();
        s.DeEscalation(resolved: false);
        s.PickUp(Sup1);
        s.AskManagement(Sup1);

        var t = s.Resolve(new SupervisorRef("mgr-1", "Morgan Manager"), "Exception granted");

        Assert.Equal(EscalationStatus.Resolved, t.State.Status);
        Assert.Equal(ActorRole.Management, t.State.Resolution!.By.Role);
    }

    [Fact]
    public void A_supervisor_known_not_to_be_management_is_recorded_as_a_supervisor_even_after_management_was_engaged()
    {
        var s = new Scenario();
        s.Start();
        s.DeEscalation(resolved: false);
        s.PickUp(Sup1);
        s.AskManagement(Sup1);

        var t = s.Apply(new EscalationResolved(Sup1, "Sorted it out myself", ByManagement: false) { EventId = s.NewId(), Channel = Channel.Console });

        Assert.Equal(ActorRole.Supervisor, t.State.Resolution!.By.Role);
        Assert.Equal(ActorRole.Supervisor, t.Effects.History().Single().Actor.Role);
    }

    [Fact]
    public void A_repeat_call_joins_the_open_callback_without_a_second_clock_and_tells_its_owner()
    {
        var s = new Scenario().WithOpenCallback(BpoAgent);
        s.Claim(Sup1);
        var due = s.State.Callback!.DueAt;
        s.Advance(TimeSpan.FromHours(5));

        var t = s.Apply(new CustomerCalledAgain("contact-2", InHouseAgent) { EventId = s.NewId() });

        Assert.Equal(EscalationStatus.CallbackPending, t.State.Status);
        Assert.Equal(due, t.State.Callback!.DueAt);
        Assert.Empty(t.Effects.OfType<TimerScheduled>());
        Assert.Equal((NotificationKind.CustomerCalledAgain, "sup-1"), (Assert.Single(t.Effects.Emails()).Kind, t.Effects.Emails().Single().To.SupervisorId));
        Assert.Contains("contact-2", t.Effects.History().First().Summary, StringComparison.Ordinal);
        Assert.Contains(Durations.Stamp(due), t.State.NextStep.CallerScript, StringComparison.Ordinal);
        Assert.Equal(1, t.State.RepeatCalls);
        Assert.Equal(2, s.Apply(new CustomerCalledAgain("contact-3", InHouseAgent) { EventId = s.NewId() }).State.RepeatCalls);
    }

    /// <summary>One way to reach each open state.</summary>
    internal static readonly Action<Scenario>[] OpenStateRoutes =
    [
        s => s.Start(),
        s => { s.Start(); s.DeEscalation(false); },
        s => { s.Start(); s.DeEscalation(false); s.PickUp(Sup1); },
        s => s.WithOpenCallback(BpoAgent),
        s => { s.WithOpenCallback(); s.Fire(TimerKind.BreachWarning); s.Fire(TimerKind.CallbackSla); },
        s => { s.WithOpenCallback(); s.Complete(Sup1, resolved: false); },
    ];

    [Fact]
    public void The_routes_reach_every_open_state()
    {
        var reached = OpenStateRoutes.Select(reach => { var s = new Scenario(); reach(s); return s.State.Status; });

        Assert.Equal(EscalationStatusExtensions.OpenStates.Order(), reached.Order());
    }
}
