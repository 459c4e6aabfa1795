using static Escalations.Domain.EscalationStatus;
using static Escalations.Domain.TimerKind;

namespace Escalations.Domain;

/// <summary>
/// The whole escalation process as one table. Rows are tried in order; the first row whose state, trigger and
/// guard match applies. An event no row matches is refused with an error naming the state. Each row names its
/// source as "#anchor: text", the anchor being a section of docs/process.md; "{sla}", "{extension}" and "{max}"
/// stand for configured values (<see cref="PolicyDocument.Fill"/>).
/// </summary>
public static class EscalationPolicy
{
    public static IReadOnlyList<Rule> Rules { get; } =
    [
        // Intake: which process does this call follow?
        On<EscalationRequested>(New)
            .When("medical emergency or high-risk disclosure", (_, e) => IntakeClassification.Classify(e) is IntakeClassification.MedicalTransfer)
            .GoTo(MedicalTransferred,
                "history; next step: Medical Emergency script, warm transfer to Customer Service ({extension}); scenario 2 adds: set the claim severity to Medical Emergency; no free text kept",
                "#medical-transfer: medical Scenarios 1 and 2: warm transfer to Customer Service ({extension}) with the Medical Emergency script",
                TransferMedical),
        On<EscalationRequested>(New)
            .When("risk to persons, media policy or attorney call", (_, e) => IntakeClassification.Classify(e) is IntakeClassification.ExcludedType)
            .GoTo(RoutedToOtherProtocol,
                "history; next step: follow that protocol; no free text kept",
                "#out-of-scope: the supervisor-request process does not apply to these escalation types",
                RouteToOtherProtocol),
        On<EscalationRequested>(New)
            .When("claim-related", (_, e) => e.Category == RequestCategory.Claim)
            .GoTo(ClaimTransferred,
                "history; next step: warm transfer to a Customer Service Agent, who is told a supervisor was requested",
                "#claim-transfer: claim-related issues: warm transfer, tell the Customer Service Agent, document the request",
                TransferClaim),
        On<EscalationRequested>(New)
            .When("otherwise", (_, _) => true)
            .GoTo(DeEscalating,
                "history; next step: attempt to de-escalate",
                "#de-escalate: attempt to de-escalate: try to resolve the issue; ask a supervisor for guidance if needed",
                BeginDeEscalation),

        // De-escalation, then a supervisor takes over or a callback request is opened.
        On<SupervisorGuidanceRequested>(DeEscalating)
            .Stay("history: which supervisor was asked, and how; the agent keeps the call",
                "#de-escalate: attempt to de-escalate: ask a supervisor for guidance if needed",
                RecordGuidance),
        On<DeEscalationAttempted>(DeEscalating)
            .When("resolved", (_, e) => e.Resolved)
            .GoTo(Resolved, "history; closed", "#de-escalate: attempt to de-escalate: try to resolve the issue with the caller", DeEscalated),
        On<DeEscalationAttempted>(DeEscalating)
            .When("not resolved", (_, e) => !e.Resolved)
            .GoTo(AwaitingSupervisor,
                "history; schedule SupervisorHold at now + hold timeout; next step: hold for a supervisor",
                "#supervisor-takes-over: if the issue cannot be de-escalated, a supervisor takes over the call when available",
                AwaitSupervisor),
        On<SupervisorPickedUp>(AwaitingSupervisor)
            .GoTo(SupervisorHandling,
                "history; cancel SupervisorHold; next step: the supervisor takes over",
                "#supervisor-takes-over: a supervisor takes over the call when available",
                TakeOver),
        OnTimer(SupervisorHold, AwaitingSupervisor)
            .GoTo(CallbackPending, OpenCallbackEffects, OpenCallbackSeed, OpenCallback),
        On<NoSupervisorAvailable>(AwaitingSupervisor)
            .GoTo(CallbackPending, OpenCallbackEffects, OpenCallbackSeed, OpenCallback),

        // The callback request and its SLA.
        On<CallbackClaimed>(CallbackPending, SlaBreached)
            .When("nobody owns the callback", (s, _) => s.Callback?.Owner is null)
            .Stay("history; the supervisor owns the callback", "#callback-owner: the supervisor owns the callback", ClaimCallback),
        On<CallbackClaimed>(CallbackPending, SlaBreached)
            .When("the same supervisor already owns it", (s, e) => s.Callback?.Owner?.Id == e.Supervisor.Id)
            .Ignore("a retried claim is not a second claim"),
        On<CallbackAttempted>(CallbackPending, SlaBreached)
            .When("by the owner, or nobody owns the callback", (s, e) => s.Callback?.Owner is null || s.Callback.Owner.Id == e.Supervisor.Id)
            .Stay("history; nobody owned it: the supervisor now does; count the attempt ({max} that do not reach the customer flag it unreachable); wrong number: email the agent's supervisors; the due time and timers are untouched",
                "#callback-attempts: an attempt that does not reach the customer is recorded; the {sla} promise still stands",
                RecordAttempt),
        OnTimer(BreachWarning, CallbackPending)
            .When("before the callback is due", (s, _, now) => now < s.Callback!.DueAt)
            .Stay("history; email the responsible supervisor", "#breach-warning: the owner is warned before the {sla} promise runs out", WarnBeforeBreach),
        OnTimer(BreachWarning, CallbackPending)
            .When("the callback is already due", (s, _, now) => now >= s.Callback!.DueAt)
            .Ignore("#breach-warning: a warning delivered late (after an outage) is superseded by the breach"),
        OnTimer(CallbackSla, CallbackPending)
            .GoTo(SlaBreached,
                "history; email the TS&R Management Team (once: the timer is consumed)",
                "#breach-once: the callback turnaround is {sla}; a broken promise notifies the TS&R Management Team, once",
                Breach),
        On<CallbackCompleted>(CallbackPending, SlaBreached)
            .When("resolved", (_, e) => e.Resolved)
            .GoTo(Resolved, "history; cancel the callback timers; closed", "#callback-owner: the supervisor owns the callback and completes it", CompleteCallbackResolved),
        On<CallbackCompleted>(CallbackPending, SlaBreached)
            .When("not resolved", (_, e) => !e.Resolved)
            .GoTo(ManagementEngaged,
                "history; cancel the callback timers; email the TS&R Management Team",
                "#management: a supervisor who cannot resolve the issue contacts the TS&R Management Team",
                CompleteCallbackUnresolved),

        On<CustomerCalledAgain>(CallbackPending, SlaBreached)
            .Stay("history (both contacts); email the callback's owner; next step: tell the caller the existing due time",
                "#repeat-calls: the callback turnaround is {sla}: a repeat call must not start a second clock",
                RecordRepeatCall),

        // Management.
        On<ManagementAssistanceRequested>(SupervisorHandling, CallbackPending, SlaBreached)
            .GoTo(ManagementEngaged,
                "history; cancel timers; email the TS&R Management Team",
                "#management: a supervisor who cannot resolve the issue asks the TS&R Management Team for help by phone, chat or email",
                RequestManagement),

        // At any point of an open escalation.
        OnAnyOpen<ThreatsReported>()
            .When("names a threat not yet flagged", (s, e) => e.Kinds.Except(s.Threats).Any())
            .Stay("history: account documented; email the responsible supervisor",
                "#threats: a caller who threatens the BBB, a lawyer or social media: notify a supervisor and document the account",
                (step, e) => FlagThreats(step, e.Kinds)),
        OnAnyOpen<ThreatsReported>()
            .When("every threat named is already flagged", (s, e) => !e.Kinds.Except(s.Threats).Any())
            .Ignore("a repeated flag is recorded once"),
        OnAnyOpen<EscalationResolved>()
            .GoTo(Resolved, "history; cancel timers; closed", "#supervisor-takes-over: a supervisor takes over, or the TS&R Management Team assists, until the issue is resolved", ResolveEscalation),
    ];

    private const string OpenCallbackEffects =
        "history; open a callback request due now + SLA; schedule BreachWarning and CallbackSla; BPO agent: email the vendor's supervisors; caller script: callback turnaround is {sla}";

    private const string OpenCallbackSeed =
        "#no-supervisor: no supervisor available: submit a Supervisor Call Back Follow-Up Request (BPO agents email their supervisors); tell the caller the callback turnaround is {sla}";

    private static Rule.Builder<T> On<T>(params EscalationStatus[] from) where T : EscalationEvent => new(from, false, typeof(T).Name);

    private static Rule.Builder<T> OnAnyOpen<T>() where T : EscalationEvent =>
        new(EscalationStatusExtensions.OpenStates, true, typeof(T).Name);

    private static Rule.Builder<TimerElapsed> OnTimer(TimerKind kind, params EscalationStatus[] from) =>
        new(from, false, $"{nameof(TimerElapsed)}({kind})", e => e.Kind == kind);

    // ---- What each row does. ----

    private static void Receive(TransitionContext step, EscalationRequested e)
    {
        step.State = step.State with
        {
            ContactId = e.ContactId,
            AccountId = e.AccountId,
            Agent = e.Agent,
            Category = e.Category,
            Disclosure = e.Disclosure,
            ServiceRequestInProgress = e.ServiceRequestInProgress,
            CallbackPhone = e.CallbackPhone,
            // A disclosure takes the call elsewhere; free text about it could describe a condition, so none is kept.
            Notes = e.Disclosure is null ? e.Notes : null,
            CreatedAt = step.Now,
        };
    }

    private static void AfterIntake(TransitionContext step, EscalationRequested e)
    {
        if (e.Threats is { Count: > 0 } threats) FlagThreats(step, threats);
    }

    private static void TransferMedical(TransitionContext step, EscalationRequested e)
    {
        Receive(step, e);
        var scenario = ((IntakeClassification.MedicalTransfer)IntakeClassification.Classify(e)).Scenario;
        var severity = scenario == MedicalScenario.ServiceRequestInProgress
            ? " A service request is in progress: the Customer Service Agent is to set the claim severity to Medical Emergency."
            : " The customer needs service.";
        step.Record(HistoryAction.MedicalWarmTransferred, Actor.For(step.Agent),
            $"Medical emergency or high-risk situation disclosed; warm transfer to Customer Service ({step.Options.CustomerServiceExtension}) with the Medical Emergency script.{severity}");
        step.Next(Scripts.MedicalTransfer(step.Options, scenario));
        AfterIntake(step, e);
    }

    private static void RouteToOtherProtocol(TransitionContext step, EscalationRequested e)
    {
        Receive(step, e);
        var protocol = ((IntakeClassification.ExcludedType)IntakeClassification.Classify(e)).Protocol;
        step.Record(HistoryAction.RoutedToOtherProtocol, Actor.For(step.Agent),
            $"Routed to the {Scripts.ProtocolName(protocol)} protocol; the supervisor-request process does not apply.");
        step.Next(Scripts.OtherProtocol(protocol));
        AfterIntake(step, e);
    }

    private static void TransferClaim(TransitionContext step, EscalationRequested e)
    {
        Receive(step, e);
        step.Record(HistoryAction.ClaimWarmTransferred, Actor.For(step.Agent),
            WithNotes("Caller asked to speak to a supervisor about a claim-related issue; warm transferred to a Customer Service Agent, who was told a supervisor was requested.", step.State.Notes));
        step.Next(Scripts.ClaimTransfer);
        AfterIntake(step, e);
    }

    private static void BeginDeEscalation(TransitionContext step, EscalationRequested e)
    {
        Receive(step, e);
        step.Record(HistoryAction.SupervisorRequested, Actor.For(step.Agent),
            WithNotes("Caller asked to speak to a supervisor; the agent is attempting to de-escalate.", step.State.Notes));
        step.Next(Scripts.AttemptDeEscalation);
        AfterIntake(step, e);
    }

    private static void DeEscalated(TransitionContext step, DeEscalationAttempted e)
    {
        step.Record(HistoryAction.DeEscalated, Actor.For(step.Agent), WithNotes("The agent de-escalated and resolved the issue.", e.Notes));
        step.Close(Actor.For(step.Agent), e.Notes ?? "De-escalated by the agent.");
    }

    private static void AwaitSupervisor(TransitionContext step, DeEscalationAttempted e)
    {
        var hold = step.Options.SupervisorHoldTimeout;
        step.Record(HistoryAction.DeEscalationFailed, Actor.For(step.Agent),
            WithNotes($"The issue could not be de-escalated; the caller holds up to {Durations.Describe(hold)} for a supervisor to take over.", e.Notes));
        step.Schedule(SupervisorHold, step.Now + hold);
        step.Next(Scripts.HoldForSupervisor(step.Options));
    }

    private static void TakeOver(TransitionContext step, SupervisorPickedUp e)
    {
        step.CancelTimers(SupervisorHold);
        step.State = step.State with { Supervisor = e.Supervisor };
        step.Record(HistoryAction.SupervisorTookOver, Actor.For(e.Supervisor), $"Supervisor {e.Supervisor} took over the call.");
        step.Next(Scripts.SupervisorTakingOver(e.Supervisor));
    }

    private static void OpenCallback(TransitionContext step, EscalationEvent e)
    {
        var (actor, why) = e is TimerElapsed
            ? (Actor.System, $"No supervisor picked up within {Durations.Describe(step.Options.SupervisorHoldTimeout)}")
            : (Actor.For(step.Agent), "The agent reported no supervisor available");
        step.CancelTimers(SupervisorHold);
        var due = step.Now + step.Options.CallbackSla;
        step.State = step.State with { Callback = new CallbackRequest(step.Now, due) };
        step.Record(HistoryAction.CallbackRequestCreated, actor,
            $"{why}. Supervisor Call Back Follow-Up Request created, due {Durations.Stamp(due)}; the caller was told: \"{Scripts.CallbackTurnaroundLine(step.Options)}\"");
        step.Schedule(BreachWarning, step.Now + step.Options.BreachWarningDelay);
        step.Schedule(CallbackSla, due);
        if (step.Agent.IsBpo) step.Notify(NotificationKind.CallbackRequest);
        step.Next(Scripts.CallbackTurnaround(step.Options, due));
    }

    private static void RecordRepeatCall(TransitionContext step, CustomerCalledAgain e)
    {
        var callback = step.State.Callback!;
        step.State = step.State with { RepeatCalls = step.State.RepeatCalls + 1 };
        step.Record(HistoryAction.CustomerCalledAgain, Actor.For(e.Agent),
            $"The customer called again (contact {e.ContactId}) while the callback request is open; told the callback is due {Durations.Stamp(callback.DueAt)}.");
        step.Notify(NotificationKind.CustomerCalledAgain);
        step.Next(Scripts.CallbackAlreadyOpen(callback.DueAt));
    }

    private static void RecordGuidance(TransitionContext step, SupervisorGuidanceRequested e) =>
        step.Record(HistoryAction.SupervisorGuidanceRequested, Actor.For(step.Agent),
            WithNotes($"The agent asked supervisor {e.Supervisor} for guidance; the agent keeps the call.", e.Notes));

    private static void RecordAttempt(TransitionContext step, CallbackAttempted e)
    {
        var callback = step.State.Callback!;
        if (callback.Owner is null)
        {
            ClaimCallback(step, new CallbackClaimed(e.Supervisor) { EventId = e.EventId, Channel = e.Channel });
            callback = step.State.Callback!;
        }

        var attempts = callback.Attempts + 1;
        // A call is made between the request and now: a time outside that (a wrong clock, a typo) is held to it.
        var at = e.At > step.Now ? step.Now : e.At < callback.RequestedAt ? callback.RequestedAt : e.At;
        // Recorded late, an earlier call counts but does not replace a later last attempt.
        var last = callback.LastAttempt is { } previous && previous.At > at ? previous : new CallbackAttempt(at, e.Outcome, e.Supervisor);
        var unreachable = attempts >= step.Options.MaxCallbackAttempts;
        step.State = step.State with
        {
            Callback = callback with { Attempts = attempts, LastAttempt = last, Unreachable = unreachable },
        };
        var flag = unreachable && !callback.Unreachable
            ? $" After {attempts} attempts the customer is flagged unreachable for management; the callback stays open."
            : "";
        step.Record(HistoryAction.CallbackAttempted, Actor.For(e.Supervisor),
            WithNotes($"Supervisor {e.Supervisor} called the customer back at {Durations.Stamp(at)}: {Scripts.Outcome(e.Outcome)} (attempt {attempts}); still due {Durations.Stamp(callback.DueAt)}.{flag}", e.Notes));
        if (e.Outcome == CallbackOutcome.WrongNumber) step.Notify(NotificationKind.CallbackNumberWrong);
    }

    private static void ClaimCallback(TransitionContext step, CallbackClaimed e)
    {
        step.State = step.State with { Supervisor = e.Supervisor, Callback = step.State.Callback! with { Owner = e.Supervisor } };
        step.Record(HistoryAction.CallbackClaimed, Actor.For(e.Supervisor), $"Supervisor {e.Supervisor} owns the callback request.");
    }

    private static void WarnBeforeBreach(TransitionContext step, TimerElapsed e)
    {
        step.Consume(e);
        var callback = step.State.Callback!;
        step.State = step.State with { Callback = callback with { WarningSentAt = step.Now } };
        step.Record(HistoryAction.BreachWarningSent, Actor.System,
            $"The callback is due {Durations.Stamp(callback.DueAt)}, in {Durations.Describe(callback.DueAt - step.Now)}.", Channel.System);
        step.Notify(NotificationKind.BreachWarning);
    }

    private static void Breach(TransitionContext step, TimerElapsed e)
    {
        step.CancelTimers();
        var callback = step.State.Callback!;
        step.State = step.State with { Callback = callback with { BreachedAt = step.Now } };
        step.Record(HistoryAction.SlaBreached, Actor.System,
            $"The callback was not completed within {Durations.Describe(step.Options.CallbackSla)} (due {Durations.Stamp(callback.DueAt)}).", Channel.System);
        step.Notify(NotificationKind.SlaBreached);
        step.Next(Scripts.ManagementEngaged);
    }

    private static void CompleteCallbackResolved(TransitionContext step, CallbackCompleted e)
    {
        step.State = step.State with { Supervisor = e.Supervisor, Callback = step.State.Callback! with { CompletedAt = step.Now } };
        step.Record(HistoryAction.CallbackCompleted, Actor.For(e.Supervisor),
            WithNotes($"Supervisor {e.Supervisor} completed the callback and resolved the issue.", e.Notes));
        step.Close(Actor.For(e.Supervisor), e.Notes ?? "Resolved on the supervisor callback.");
    }

    private static void CompleteCallbackUnresolved(TransitionContext step, CallbackCompleted e)
    {
        step.State = step.State with { Supervisor = e.Supervisor, Callback = step.State.Callback! with { CompletedAt = step.Now } };
        step.Record(HistoryAction.CallbackCompleted, Actor.For(e.Supervisor),
            WithNotes($"Supervisor {e.Supervisor} completed the callback but could not resolve the issue.", e.Notes));
        EngageManagement(step, e.Supervisor, e.Notes ?? "The supervisor could not resolve the issue on the callback.");
    }

    private static void RequestManagement(TransitionContext step, ManagementAssistanceRequested e)
    {
        step.State = step.State with { Supervisor = e.Supervisor };
        EngageManagement(step, e.Supervisor, e.Reason);
    }

    private static void EngageManagement(TransitionContext step, SupervisorRef supervisor, string reason)
    {
        step.CancelTimers();
        step.State = step.State with { ManagementRequest = new ManagementRequest(supervisor, reason, step.Now) };
        step.Record(HistoryAction.ManagementAssistanceRequested, Actor.For(supervisor),
            $"Supervisor {supervisor} asked the TS&R Management Team for assistance: {reason}");
        step.Notify(NotificationKind.ManagementAssistanceRequested);
        step.Next(Scripts.ManagementEngaged);
    }

    private static void FlagThreats(TransitionContext step, IEnumerable<ThreatKind> kinds)
    {
        var added = kinds.Except(step.State.Threats).Distinct().Order().ToArray();
        step.State = step.State with { Threats = step.State.Threats.Union(added) };
        step.Record(HistoryAction.ThreatDocumented, Actor.For(step.Agent),
            $"The customer threatened {string.Join(", ", added.Select(Scripts.Threat))}; the account is documented and a supervisor notified.");
        step.Notify(NotificationKind.ThreatFlagged);
    }

    private static void ResolveEscalation(TransitionContext step, EscalationResolved e)
    {
        var management = e.ByManagement ?? step.State.Status is ManagementEngaged or SlaBreached;
        var by = Actor.For(e.By, management ? ActorRole.Management : ActorRole.Supervisor);
        step.Record(HistoryAction.Resolved, by, $"Resolved by {e.By}: {e.Resolution}");
        step.Close(by, e.Resolution);
    }

    private static string WithNotes(string summary, string? notes) =>
        string.IsNullOrWhiteSpace(notes) ? summary : $"{summary} Notes: {notes}";
}
