using FsCheck;
using FsCheck.Fluent;
using static Escalations.Domain.Tests.Scenario;

namespace Escalations.Domain.Tests;

/// <summary>
/// Invariants over random sequences of events, timer firings (due, stale and redelivered), duplicates and
/// clock moves. A move is a pair of numbers the interpreter turns into something to do to the escalation.
/// </summary>
public class PolicyPropertyTests
{
    private const int MoveKinds = 17;

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500).WithEndSize(60);

    private static Arbitrary<(int Kind, int Arg)[]> Histories { get; } =
        Gen.Zip(Gen.Choose(0, MoveKinds - 1), Gen.Choose(0, 1000)).ArrayOf().ToArbitrary();

    private static readonly SupervisorRef[] Supervisors = [Sup1, Sup2];
    private static readonly ThreatKind[] AllThreats = Enum.GetValues<ThreatKind>();

    /// <summary>Runs the moves against one escalation and checks the invariants after each; returns every step.</summary>
    private static List<(Escalation Before, EscalationEvent Event, Transition After)> Run((int Kind, int Arg)[] moves)
    {
        var s = new Scenario(new EscalationOptions
        {
            SupervisorHoldTimeout = TimeSpan.FromMinutes(10),
            CallbackSla = TimeSpan.FromHours(48),
            BreachWarningAt = 0.75,
        });
        var steps = new List<(Escalation, EscalationEvent, Transition)>();
        var sent = new List<EscalationEvent>();
        var firedTokens = new List<string>();

        // Mostly start with an intake, so runs reach deep into the process.
        var all = moves.Length > 0 && moves[0].Kind % 4 != 0 ? moves : [(0, moves.Length > 0 ? moves[0].Arg : 0), .. moves];
        foreach (var (kind, arg) in all)
        {
            var sup = Supervisors[arg % 2];
            EscalationEvent? evt = kind switch
            {
                0 => Intake(arg, s.NewId()),
                1 => new DeEscalationAttempted(arg % 3 == 0) { EventId = s.NewId() },
                2 => new SupervisorPickedUp(sup) { EventId = s.NewId() },
                3 => new NoSupervisorAvailable { EventId = s.NewId() },
                4 => new CallbackClaimed(sup) { EventId = s.NewId() },
                5 => new CallbackCompleted(sup, arg % 2 == 0) { EventId = s.NewId() },
                6 => new ManagementAssistanceRequested(sup, "needs help") { EventId = s.NewId() },
                7 => new ThreatsReported(Subset(arg)) { EventId = s.NewId() },
                8 => new EscalationResolved(sup, "done") { EventId = s.NewId() },
                9 or 10 => DueTimer(s, arg),
                11 => StaleTimer(s, firedTokens, arg),
                12 => sent.Count > 0 ? sent[arg % sent.Count] : null,
                14 => new CustomerCalledAgain($"contact-{arg}", InHouseAgent) { EventId = s.NewId() },
                15 => new CallbackAttempted(sup, (CallbackOutcome)(arg % 3), s.Now.AddMinutes(arg % 7 - 3)) { EventId = s.NewId() },
                16 => new SupervisorGuidanceRequested(sup) { EventId = s.NewId(), Channel = Channel.Chat },
                _ => null,
            };
            if (kind == 13)
            {
                s.Advance(TimeSpan.FromMinutes(arg % 300));
                continue;
            }

            if (evt is null) continue;
            var before = s.State;
            var after = s.Apply(evt);
            steps.Add((before, evt, after));
            if (evt is TimerElapsed fired && after.Outcome == TransitionOutcome.Applied) firedTokens.Add(fired.Token);
            if (evt is not TimerElapsed) sent.Add(evt);
        }

        return steps;
    }

    private static EscalationRequested Intake(int arg, string id) => new(
        "contact-1", "acct-1",
        arg % 2 == 0 ? InHouseAgent : BpoAgent,
        arg % 5 == 0 ? RequestCategory.Claim : RequestCategory.General,
        arg % 7 == 0 ? (Disclosure)(arg / 7 % 5) : null,
        arg % 3 == 0,
        arg % 4 == 0 ? Subset(arg) : null,
        Notes: "typed by the agent")
    { EventId = id };

    private static ThreatKind[] Subset(int arg)
    {
        var picked = AllThreats.Where((_, i) => (arg >> i & 1) == 1).ToArray();
        return picked.Length > 0 ? picked : [AllThreats[arg % AllThreats.Length]];
    }

    private static TimerElapsed? DueTimer(Scenario s, int arg)
    {
        if (s.State.Timers.Count == 0) return null;
        var timer = s.State.Timers[arg % s.State.Timers.Count];
        if (timer.DueAt > s.Now) s.Advance(timer.DueAt - s.Now);
        return new TimerElapsed(timer.Kind, timer.Token) { EventId = timer.Token };
    }

    private static TimerElapsed StaleTimer(Scenario s, List<string> fired, int arg)
    {
        var token = fired.Count > 0 && arg % 2 == 0 ? fired[arg % fired.Count] : $"CallbackSla-{arg}";
        var kind = Enum.Parse<TimerKind>(token[..token.IndexOf('-', StringComparison.Ordinal)]);
        // A fresh event id: the token alone must make the redelivery a no-op.
        return new TimerElapsed(kind, token) { EventId = s.NewId() };
    }

    private static void Check(Func<List<(Escalation Before, EscalationEvent Event, Transition After)>, bool> property) =>
        FsCheck.Check.One(Runs, Prop.ForAll(Histories, (Func<(int, int)[], bool>)(moves => property(Run(moves)))));

    [Fact]
    public void A_terminal_state_is_final() => Check(steps =>
        steps.Where(x => x.Before.Status.IsTerminal())
            .All(x => x.After.Outcome != TransitionOutcome.Applied && ReferenceEquals(x.Before, x.After.State)));

    [Fact]
    public void An_open_callback_is_always_due_at_created_plus_the_sla() => Check(steps =>
        steps.Select(x => x.After.State)
            .Where(e => e.Status is EscalationStatus.CallbackPending or EscalationStatus.SlaBreached)
            .All(e => e.Callback is { } c && c.DueAt == c.RequestedAt + TimeSpan.FromHours(48)));

    [Fact]
    public void The_breach_notification_is_emitted_at_most_once_per_escalation() => Check(steps =>
        steps.SelectMany(x => x.After.Effects).Emails().Count(e => e.Kind == NotificationKind.SlaBreached) <= 1);

    [Fact]
    public void A_breach_notification_only_ever_follows_the_full_sla() => Check(steps =>
        steps.Where(x => x.After.Effects.Emails().Any(e => e.Kind == NotificationKind.SlaBreached))
            .All(x => x.After.State.Callback!.BreachedAt >= x.After.State.Callback.RequestedAt + TimeSpan.FromHours(48)));

    [Fact]
    public void A_callback_attempt_never_moves_the_due_time_nor_touches_the_timers() => Check(steps =>
        steps.Where(x => x.Event is CallbackAttempted && x.After.Outcome == TransitionOutcome.Applied)
            .All(x => x.After.State.Callback!.DueAt == x.Before.Callback!.DueAt
                && x.After.State.Timers.SequenceEqual(x.Before.Timers)
                && x.After.State.Status == x.Before.Status
                && !x.After.Effects.OfType<TimerScheduled>().Any() && !x.After.Effects.OfType<TimerCancelled>().Any()));

    [Fact]
    public void A_callback_attempt_never_emits_a_breach_or_closes_anything() => Check(steps =>
        steps.Where(x => x.Event is CallbackAttempted)
            .All(x => !x.After.Effects.Emails().Any(e => e.Kind is NotificationKind.SlaBreached or NotificationKind.ManagementAssistanceRequested)
                && x.After.State.Status.IsOpen() == x.Before.Status.IsOpen()));

    [Fact]
    public void Unreachable_follows_the_count_of_attempts() => Check(steps =>
        steps.Select(x => x.After.State.Callback).OfType<CallbackRequest>()
            .All(c => c.Unreachable == (c.Attempts >= 3)));

    [Fact]
    public void Duplicate_events_are_no_ops() => Check(steps =>
        steps.Where(x => x.Before.AppliedEventIds.Contains(x.Event.EventId))
            .All(x => x.After.Outcome == TransitionOutcome.Unchanged && ReferenceEquals(x.Before, x.After.State) && x.After.Effects.Count == 0));

    [Fact]
    public void Every_transition_writes_at_least_one_history_entry() => Check(steps =>
        steps.Where(x => x.After.Outcome == TransitionOutcome.Applied).All(x => x.After.History.Any()));

    [Fact]
    public void Only_applied_transitions_change_the_state_or_ask_for_effects() => Check(steps =>
        steps.Where(x => x.After.Outcome != TransitionOutcome.Applied)
            .All(x => ReferenceEquals(x.Before, x.After.State) && x.After.Effects.Count == 0));

    [Fact]
    public void Versions_and_history_sequences_advance_without_gaps() => Check(steps =>
        steps.Where(x => x.After.Outcome == TransitionOutcome.Applied).All(x =>
            x.After.State.Version == x.Before.Version + 1 &&
            x.After.History.Select(h => h.Sequence).SequenceEqual(Enumerable.Range(x.Before.HistoryCount, x.After.History.Count())) &&
            x.After.State.HistoryCount == x.Before.HistoryCount + x.After.History.Count()));

    [Fact]
    public void Timers_are_pending_only_in_the_states_that_wait_for_them() => Check(steps =>
        steps.Select(x => x.After.State).All(e => e.Status switch
        {
            EscalationStatus.AwaitingSupervisor => e.Timers.Select(t => t.Kind).SequenceEqual([TimerKind.SupervisorHold]),
            EscalationStatus.CallbackPending => e.Timers.Count is 1 or 2 && e.Timers.Any(t => t.Kind == TimerKind.CallbackSla),
            _ => e.Timers.IsEmpty,
        }));

    [Fact]
    public void Every_scheduled_timer_is_later_cancelled_fired_or_still_pending() => Check(steps =>
    {
        var effects = steps.SelectMany(x => x.After.Effects).ToList();
        var scheduled = effects.OfType<TimerScheduled>().Select(t => t.Token).ToHashSet();
        var settled = effects.OfType<TimerCancelled>().Select(t => t.Token)
            .Concat(steps.Where(x => x.After.Outcome == TransitionOutcome.Applied).Select(x => x.Event).OfType<TimerElapsed>().Select(t => t.Token))
            .Concat(steps.Count > 0 ? steps[^1].After.State.Timers.Select(t => t.Token) : []);
        return scheduled.SetEquals(settled);
    });

    [Fact]
    public void No_free_text_is_kept_for_a_disclosure() => Check(steps =>
        steps.Select(x => x.After.State).Where(e => e.Disclosure is not null).All(e => e.Notes is null) &&
        steps.Where(x => x.After.State.Disclosure is not null)
            .SelectMany(x => x.After.History).All(h => !h.Summary.Contains("typed by the agent", StringComparison.Ordinal)));
}
