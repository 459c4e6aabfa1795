using Escalations.Runtime.Workflow;
using Escalations.Domain;

namespace Escalations.Orchestration.Tests;

/// <summary>The orchestrator's decisions, on a scripted context: which timer it arms, when it fires one, when it reads the row.</summary>
public sealed class EscalationOrchestratorTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly PendingTimer Hold = new(TimerKind.SupervisorHold, "hold-1", Start.AddMinutes(10));
    private static readonly ClockInput Input = new("esc-1");

    [Fact]
    public async Task A_timer_that_resumes_early_is_armed_again_past_its_due_time_and_applied_only_then()
    {
        var context = new ScriptedContext(Start) { ReadClock = () => new ClockReading(2, true, [Hold]) };
        context.NextTimerResumesEarly(TimeSpan.FromMilliseconds(700));
        context.FireTimer = _ => new ClockReading(3, false, [], Delivery: TimerOutcome.Applied);

        var version = await EscalationOrchestrator.RunAsync(context.Context, Input);

        Assert.Equal(3, version);
        Assert.Equal([Hold.DueAt, Hold.DueAt + EscalationOrchestrator.EarlyResumeMargin], context.Timers);
        var (firing, at) = Assert.Single(context.Fired);
        Assert.Equal(Hold.Token, firing.Timer.Token);
        Assert.True(at >= Hold.DueAt, $"applied at {at:O}, due {Hold.DueAt:O}");
    }

    [Fact]
    public async Task A_timer_the_activity_finds_early_is_armed_again_and_applied_once_due()
    {
        var context = new ScriptedContext(Start) { ReadClock = () => new ClockReading(2, true, [Hold]) };
        var calls = 0;
        // The activity's clock is behind the orchestration's the first time.
        context.FireTimer = _ => ++calls == 1
            ? new ClockReading(2, true, [Hold], Delivery: TimerOutcome.Early)
            : new ClockReading(3, false, [], Delivery: TimerOutcome.Applied);

        await EscalationOrchestrator.RunAsync(context.Context, Input);

        Assert.Equal(2, context.Fired.Count);
        Assert.Equal(Hold.DueAt + EscalationOrchestrator.EarlyResumeMargin, context.Timers[1]);
    }

    [Fact]
    public void A_timer_the_row_keeps_pending_after_its_delivery_is_not_armed_again()
    {
        var context = new ScriptedContext(Start) { ReadClock = () => new ClockReading(2, true, [Hold]) };
        // The row ignores the timer and keeps it pending (a late warning, say).
        context.FireTimer = _ => new ClockReading(2, true, [Hold], Delivery: TimerOutcome.Ignored);

        var run = EscalationOrchestrator.RunAsync(context.Context, Input);

        Assert.False(run.IsCompleted, "the orchestration waits for the next commit");
        Assert.Single(context.Timers);
        Assert.Single(context.Fired);
    }

    [Fact]
    public async Task Timers_fire_in_due_order_and_each_once()
    {
        var warning = new PendingTimer(TimerKind.BreachWarning, "warn-1", Start.AddHours(36));
        var breach = new PendingTimer(TimerKind.CallbackSla, "sla-1", Start.AddHours(48));
        var context = new ScriptedContext(Start) { ReadClock = () => new ClockReading(4, true, [breach, warning]) };
        context.FireTimer = f => f.Timer.Token == warning.Token
            ? new ClockReading(5, true, [breach], Delivery: TimerOutcome.Applied)
            : new ClockReading(6, false, [], Delivery: TimerOutcome.Applied);

        var version = await EscalationOrchestrator.RunAsync(context.Context, Input);

        Assert.Equal(6, version);
        Assert.Equal([warning.Token, breach.Token], context.Fired.Select(f => f.Firing.Timer.Token));
        Assert.Equal([warning.DueAt, breach.DueAt], context.Timers);
    }

    [Fact]
    public async Task A_signal_repeated_or_out_of_order_reads_nothing_and_a_newer_one_reads_the_row()
    {
        var reads = 0;
        var context = new ScriptedContext(Start) { ReadClock = () => ++reads == 1 ? new ClockReading(3, true, []) : new ClockReading(4, false, []) };
        context.Signals(2, 3, 3, 4);

        var version = await EscalationOrchestrator.RunAsync(context.Context, Input);

        Assert.Equal(4, version);
        Assert.Equal(2, context.Reads);
        Assert.Equal(4, context.Waits);
    }

    [Fact]
    public void A_commit_before_the_timer_reads_the_row_and_a_cancelled_timer_is_not_fired()
    {
        var reads = 0;
        // The pickup's commit (version 3) cancels the hold: the row has no timer after it.
        var context = new ScriptedContext(Start) { ReadClock = () => ++reads == 1 ? new ClockReading(2, true, [Hold]) : new ClockReading(3, true, []) };
        context.Signals(3);
        context.NextTimerWaits();

        var run = EscalationOrchestrator.RunAsync(context.Context, Input);

        Assert.False(run.IsCompleted, "the orchestration waits for the next commit");
        Assert.Empty(context.Fired);
        Assert.Equal(2, context.Reads);
        Assert.Single(context.Timers);
    }

    [Fact]
    public async Task After_a_generation_of_turns_it_continues_as_new_carrying_the_timers_it_delivered()
    {
        var context = new ScriptedContext(Start) { ReadClock = () => new ClockReading(2, true, [Hold]) };
        context.FireTimer = _ => new ClockReading(2, true, [Hold], Delivery: TimerOutcome.Ignored);
        context.Signals(Enumerable.Repeat(1, EscalationOrchestrator.TurnsPerGeneration).ToArray());

        await EscalationOrchestrator.RunAsync(context.Context, Input);

        Assert.Equal([Hold.Token], context.ContinuedWith?.Delivered);
        Assert.Single(context.Fired);
    }

    [Fact]
    public async Task An_answer_without_a_delivery_is_taken_as_a_reading_and_the_timer_still_pending_fires_again()
    {
        // After a crash lost an episode's checkpoint, a read that episode asked for can answer for the timer's firing.
        var calls = 0;
        var context = new ScriptedContext(Start) { ReadClock = () => new ClockReading(2, true, [Hold]) };
        context.FireTimer = _ => ++calls == 1 ? new ClockReading(2, true, [Hold]) : new ClockReading(3, false, [], Delivery: TimerOutcome.Applied);

        var version = await EscalationOrchestrator.RunAsync(context.Context, Input);

        Assert.Equal(3, version);
        Assert.Equal(2, context.Fired.Count);
    }

    [Fact]
    public async Task An_answer_that_is_not_a_reading_is_asked_for_again()
    {
        // ... and a timer can answer for a read: its answer is not a reading at all.
        var reads = 0;
        var context = new ScriptedContext(Start)
        {
            ReadClock = () => ++reads == 1 ? throw new System.Text.Json.JsonException("'2' is not a ClockReading") : new ClockReading(4, false, []),
        };

        var version = await EscalationOrchestrator.RunAsync(context.Context, Input);

        Assert.Equal(4, version);
        Assert.Equal(2, context.Reads);
    }
}
