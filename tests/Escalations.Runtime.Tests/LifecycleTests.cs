using Escalations.Domain;
using static Escalations.Runtime.Tests.Events;

namespace Escalations.Runtime.Tests;

/// <summary>
/// End to end on real time with short configured durations: the standalone pumps deliver the timers from
/// Azurite's queues. These are the few tests that wait; every other timer test skips time with a fake clock.
/// </summary>
[Collection(AzuriteTests.Name)]
public class LifecycleTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> ShortDurations = new()
    {
        ["Escalation:SupervisorHoldTimeout"] = "00:00:01",
        ["Escalation:CallbackSla"] = "00:00:04",
        ["Escalation:BreachWarningAt"] = "0.5",
    };

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task No_pickup_leads_to_a_callback_request_a_warning_a_breach_and_management_being_told()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, settings: ShortDurations);
        await h.StartPumpsAsync();
        var id = NewEscalationId();

        await h.ApplyAsync(id, Intake(Bpo));
        await h.ApplyAsync(id, NotDeEscalated());
        await RuntimeHarness.Eventually(async () => (await h.Store.LoadAsync(id))!.State.Status == EscalationStatus.SlaBreached,
            Patience, "the SLA breach");
        await h.Dispatched(); // the breach is committed; its email follows the commit

        var state = (await h.Store.LoadAsync(id))!.State;
        Assert.Equal(
            [NotificationKind.CallbackRequest, NotificationKind.BreachWarning, NotificationKind.SlaBreached],
            h.Sender.Kinds(id));
        Assert.True(state.Callback!.BreachedAt >= state.Callback.DueAt);
        Assert.Empty(state.Timers);
        var history = await h.Store.GetHistoryAsync(id);
        Assert.Equal(
            [
                HistoryAction.SupervisorRequested, HistoryAction.DeEscalationFailed, HistoryAction.CallbackRequestCreated,
                HistoryAction.Notified, HistoryAction.BreachWarningSent, HistoryAction.Notified, HistoryAction.SlaBreached, HistoryAction.Notified,
            ],
            history.Select(e => e.Action));
        await RuntimeHarness.Eventually(async () => (await h.Projections.ListOpenAsync(status: EscalationStatus.SlaBreached)).Items.Any(e => e.EscalationId == id),
            Patience, "the index to show the breach");
    }

    [Fact]
    public async Task A_callback_completed_in_time_fires_nothing_afterwards()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, settings: ShortDurations);
        await h.StartPumpsAsync();
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake(Bpo));
        await h.ApplyAsync(id, NotDeEscalated());
        await h.ApplyAsync(id, NoSupervisor());

        await h.ApplyAsync(id, Complete(resolved: true));
        await Task.Delay(TimeSpan.FromSeconds(6)); // past the SLA: the cancelled timers' messages arrive and must do nothing
        await RuntimeHarness.Eventually(async () => await StoreAndConcurrencyTests.CountAsync(h.Clients.Timers) == 0, Patience, "the timer queue to drain");

        var state = (await h.Store.LoadAsync(id))!.State;
        Assert.Equal(EscalationStatus.Resolved, state.Status);
        Assert.Equal([NotificationKind.CallbackRequest], h.Sender.Kinds(id));
        Assert.DoesNotContain(await h.Store.GetHistoryAsync(id), e => e.Action is HistoryAction.BreachWarningSent or HistoryAction.SlaBreached);
    }

    [Fact]
    public async Task Timers_in_flight_still_fire_after_the_runtime_restarts()
    {
        var prefix = RuntimeHarness.NewPrefix();
        var sender = new RecordingSender();
        var id = NewEscalationId();
        await using (var before = await RuntimeHarness.CreateAsync(azurite.Azurite, settings: ShortDurations, prefix: prefix, sender: sender))
        {
            await before.StartPumpsAsync();
            await before.Workflow.ApplyAsync(id, Intake(Bpo));
            await before.Workflow.ApplyAsync(id, NotDeEscalated());
            await before.Workflow.ApplyAsync(id, NoSupervisor());
        }

        await using var after = await RuntimeHarness.CreateAsync(azurite.Azurite, settings: ShortDurations, prefix: prefix, sender: sender);
        await after.StartPumpsAsync();
        await RuntimeHarness.Eventually(async () => (await after.Store.LoadAsync(id))!.State.Status == EscalationStatus.SlaBreached,
            Patience, "the breach after the restart");
        await after.Dispatched();

        Assert.Equal([NotificationKind.CallbackRequest, NotificationKind.BreachWarning, NotificationKind.SlaBreached], sender.Kinds(id));
    }
}
