using Escalations.Domain;

namespace Escalations.Orchestration.Tests;

/// <summary>
/// The clock end to end on the in-memory engine: real durable timers (a few seconds long), the real workflow and
/// state row in Azurite. The tests wait for the effect they need, never for a fixed time, except where they show
/// that nothing happens.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ClockLifecycleTests(AzuriteFixture azurite)
{
    private static readonly Agent InHouse = new("agent-1", "Dana Agent", AgentAffiliation.InHouse);
    private static readonly Agent Bpo = new("agent-2", "Sam Outsourced", AgentAffiliation.Bpo, "Acme");

    private static string NewId() => "esc-" + Guid.NewGuid().ToString("N")[..16];
    private static string EventId() => Guid.NewGuid().ToString("N");
    private static EscalationRequested Intake(Agent agent) => new("contact-1", "acct-1", agent, RequestCategory.General, CallbackPhone: "+1 555 0100") { EventId = EventId() };

    [Fact]
    public async Task The_hold_timeout_opens_the_callback_request_no_earlier_than_it_is_due()
    {
        await using var app = await OrchestrationHarness.StartAsync(azurite.Azurite, new Dictionary<string, string?> { ["Escalation:SupervisorHoldTimeout"] = "00:00:02" });
        var id = NewId();
        await app.ApplyAsync(id, Intake(Bpo));
        var waiting = await app.ApplyAsync(id, new DeEscalationAttempted(false) { EventId = EventId() });
        var hold = Assert.Single(waiting.Timers);
        Assert.Equal(TimerKind.SupervisorHold, hold.Kind);

        await TestStorage.Eventually(async () => (await app.GetAsync(id)).Status == EscalationStatus.CallbackPending, TimeSpan.Zero, "the hold timeout opens the callback");
        var opened = (await app.HistoryAsync(id)).Single(h => h.Action == HistoryAction.CallbackRequestCreated);
        Assert.True(opened.At >= hold.DueAt, $"opened {opened.At:O}, due {hold.DueAt:O}");
        await TestStorage.Eventually(() => Task.FromResult(app.Sender.Count(NotificationKind.CallbackRequest) == 1), TimeSpan.Zero, "the BPO supervisors' email");
        // The clock moves on to the callback's timers.
        await TestStorage.Eventually(async () => (await app.ClockStatusAsync(id))?.NextTimer == TimerKind.BreachWarning, TimeSpan.Zero, "the warning armed next");
    }

    [Fact]
    public async Task A_pickup_that_arrives_first_cancels_the_hold()
    {
        await using var app = await OrchestrationHarness.StartAsync(azurite.Azurite, new Dictionary<string, string?> { ["Escalation:SupervisorHoldTimeout"] = "00:00:03" });
        var id = NewId();
        await app.ApplyAsync(id, Intake(InHouse));
        var waiting = await app.ApplyAsync(id, new DeEscalationAttempted(false) { EventId = EventId() });
        await TestStorage.Eventually(async () => (await app.ClockStatusAsync(id))?.NextTimer == TimerKind.SupervisorHold, TimeSpan.Zero, "the hold armed");

        // The pickup's commit tells the orchestration, which reads the row: no timer left to wait for.
        var taken = await app.ApplyAsync(id, new SupervisorPickedUp(new SupervisorRef("sup-1")) { EventId = EventId(), Channel = Channel.Api });

        await TestStorage.Eventually(async () => (await app.ClockStatusAsync(id)) is { Version: var v, NextTimer: null } && v == taken.Version, TimeSpan.Zero, "the clock reads the pickup");
        // Past the hold's due time, with room for a late timer: nothing fired.
        var due = waiting.Timers.Single().DueAt;
        while (DateTimeOffset.UtcNow < due + TimeSpan.FromSeconds(3)) await Task.Delay(200);
        Assert.Equal(EscalationStatus.SupervisorHandling, (await app.GetAsync(id)).Status);
        Assert.DoesNotContain(await app.HistoryAsync(id), h => h.Action == HistoryAction.CallbackRequestCreated);
    }

    [Fact]
    public async Task The_warning_and_the_breach_fire_in_order_and_once_whatever_signals_repeat()
    {
        await using var app = await OrchestrationHarness.StartAsync(azurite.Azurite, new Dictionary<string, string?>
        {
            ["Escalation:CallbackSla"] = "00:00:04",
            ["Escalation:BreachWarningAt"] = "0.5",
        });
        var id = NewId();
        await app.ApplyAsync(id, Intake(InHouse));
        await app.ApplyAsync(id, new DeEscalationAttempted(false) { EventId = EventId() });
        var pending = await app.ApplyAsync(id, new NoSupervisorAvailable { EventId = EventId() });
        Assert.Equal(EscalationStatus.CallbackPending, pending.Status);

        // Repeated and stale signals, as a redelivered outbox would send them.
        await TestStorage.Eventually(async () => (await app.ClockStatusAsync(id))?.NextTimer == TimerKind.BreachWarning, TimeSpan.Zero, "the warning armed");
        foreach (var version in new[] { pending.Version, 1, pending.Version, 2 }) await app.SignalAsync(id, version);

        await TestStorage.Eventually(async () => (await app.GetAsync(id)).Status == EscalationStatus.SlaBreached, TimeSpan.Zero, "the breach");
        await TestStorage.Eventually(() => Task.FromResult(app.Sender.Count(NotificationKind.SlaBreached) == 1), TimeSpan.Zero, "the management team's email");
        var history = await app.HistoryAsync(id);
        var warning = Assert.Single(history, h => h.Action == HistoryAction.BreachWarningSent);
        var breach = Assert.Single(history, h => h.Action == HistoryAction.SlaBreached);
        Assert.True(warning.Sequence < breach.Sequence);
        Assert.True(warning.At >= pending.Callback!.RequestedAt + TimeSpan.FromSeconds(2), "the warning is never early");
        Assert.True(breach.At >= pending.Callback.DueAt, "the breach is never early");
        Assert.Equal(1, app.Sender.Count(NotificationKind.BreachWarning));
    }

    [Fact]
    public async Task A_callback_completed_in_time_fires_nothing_afterwards_and_its_orchestration_completes()
    {
        await using var app = await OrchestrationHarness.StartAsync(azurite.Azurite, new Dictionary<string, string?> { ["Escalation:CallbackSla"] = "00:00:03" });
        var id = NewId();
        await app.ApplyAsync(id, Intake(Bpo));
        await app.ApplyAsync(id, new DeEscalationAttempted(false) { EventId = EventId() });
        var pending = await app.ApplyAsync(id, new NoSupervisorAvailable { EventId = EventId() });
        await TestStorage.Eventually(async () => (await app.ClockStatusAsync(id))?.NextTimer == TimerKind.BreachWarning, TimeSpan.Zero, "the warning armed");

        await app.ApplyAsync(id, new CallbackCompleted(new SupervisorRef("sup-2"), true) { EventId = EventId(), Channel = Channel.Api });

        await TestStorage.Eventually(async () => (await app.Client.GetInstanceAsync(id))?.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed,
            TimeSpan.Zero, "the orchestration completes with the escalation");
        // Past the due time, with room for a late timer: nothing fired.
        while (DateTimeOffset.UtcNow < pending.Callback!.DueAt + TimeSpan.FromSeconds(2)) await Task.Delay(200);
        Assert.Equal(EscalationStatus.Resolved, (await app.GetAsync(id)).Status);
        Assert.DoesNotContain(await app.HistoryAsync(id), h => h.Action is HistoryAction.BreachWarningSent or HistoryAction.SlaBreached);
        Assert.Equal(0, app.Sender.Count(NotificationKind.SlaBreached));
    }

    [Fact]
    public async Task An_escalation_whose_orchestration_failed_gets_a_new_one_at_its_next_commit()
    {
        await using var app = await OrchestrationHarness.StartAsync(azurite.Azurite, new Dictionary<string, string?> { ["Escalation:SupervisorHoldTimeout"] = "00:00:02" });
        var id = NewId();
        await app.ApplyAsync(id, Intake(InHouse));
        await TestStorage.Eventually(async () => (await app.Client.GetInstanceAsync(id)) is not null, TimeSpan.Zero, "the intake starts the orchestration");
        await app.Client.TerminateInstanceAsync(id);
        await TestStorage.Eventually(async () => (await app.Client.GetInstanceAsync(id))?.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Terminated,
            TimeSpan.Zero, "terminated");

        await app.ApplyAsync(id, new DeEscalationAttempted(false) { EventId = EventId() });

        await TestStorage.Eventually(async () => (await app.GetAsync(id)).Status == EscalationStatus.CallbackPending, TimeSpan.Zero, "the hold timer, fired by the new orchestration");
    }
}
