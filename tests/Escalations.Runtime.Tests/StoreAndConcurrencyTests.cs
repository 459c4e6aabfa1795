using Azure.Data.Tables;
using Escalations.Domain;
using static Escalations.Runtime.Tests.Events;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;

namespace Escalations.Runtime.Tests;

[Collection(AzuriteTests.Name)]
public class StoreAndConcurrencyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_transition_commits_state_and_history_and_dispatch_leaves_no_outbox_behind()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite);
        var id = NewEscalationId();

        var started = await h.ApplyAsync(id, Intake(Bpo, threats: [ThreatKind.Lawyer]));
        var stored = await h.Store.LoadAsync(id);
        var history = await h.Store.GetHistoryAsync(id);

        Assert.Equal(WorkflowOutcome.Applied, started.Outcome);
        Assert.Equal(EscalationStatus.DeEscalating, stored!.State.Status);
        Assert.Equal(1, stored.State.Version);
        Assert.Equal(
            [HistoryAction.SupervisorRequested, HistoryAction.ThreatDocumented, HistoryAction.Notified],
            history.Select(e => e.Action));
        Assert.Equal([0, 1, 2], history.Select(e => e.Sequence));
        Assert.Empty(await h.Store.GetOutboxAsync(id));
        Assert.Equal([NotificationKind.ThreatFlagged], h.Sender.Kinds(id));
        Assert.Equal(0, await CountAsync(h.Clients.Outbox));
    }

    [Fact]
    public async Task Two_writers_on_one_escalation_exactly_one_succeeds_and_the_other_writes_nothing()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite);
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake());
        await h.ApplyAsync(id, NotDeEscalated());
        var seenByA = await h.Store.LoadAsync(id);
        var seenByB = await h.Store.LoadAsync(id);
        var options = new EscalationOptions();
        var a = EscalationStateMachine.Apply(seenByA!.State, PickUp("sup-a"), DateTimeOffset.UtcNow, options);
        var b = EscalationStateMachine.Apply(seenByB!.State, NoSupervisor(), DateTimeOffset.UtcNow, options);

        await h.Store.CommitAsync(seenByA, a, DateTimeOffset.UtcNow);
        var loser = await Assert.ThrowsAsync<ConcurrencyException>(() => h.Store.CommitAsync(seenByB, b, DateTimeOffset.UtcNow));

        Assert.Equal(id, loser.EscalationId);
        var final = await h.Store.LoadAsync(id);
        Assert.Equal(EscalationStatus.SupervisorHandling, final!.State.Status);
        var history = await h.Store.GetHistoryAsync(id);
        Assert.DoesNotContain(history, e => e.Action == HistoryAction.CallbackRequestCreated);
        Assert.Equal(final.State.HistoryCount, history.Count);
    }

    [Fact]
    public async Task Two_intakes_creating_the_same_escalation_exactly_one_creates_it()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite);
        var id = NewEscalationId();
        var first = EscalationStateMachine.Apply(Escalation.New(id), Intake(), DateTimeOffset.UtcNow, new EscalationOptions());
        var second = EscalationStateMachine.Apply(Escalation.New(id), Intake(Bpo), DateTimeOffset.UtcNow, new EscalationOptions());

        await h.Store.CommitAsync(null, first, DateTimeOffset.UtcNow);

        await Assert.ThrowsAsync<ConcurrencyException>(() => h.Store.CommitAsync(null, second, DateTimeOffset.UtcNow));
        Assert.Equal(AgentAffiliation.InHouse, (await h.Store.LoadAsync(id))!.State.Agent!.Affiliation);
    }

    [Fact]
    public async Task Racing_pickups_through_the_workflow_one_wins_and_the_rest_are_refused_naming_the_holder()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite);
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake());
        await h.ApplyAsync(id, NotDeEscalated());

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => h.Workflow.ApplyAsync(id, PickUp($"sup-{i}"))));

        var winner = Assert.Single(results, r => r.Outcome == WorkflowOutcome.Applied);
        var holder = winner.State!.Supervisor!.Id;
        Assert.All(results.Where(r => r != winner), r =>
        {
            Assert.Equal(WorkflowOutcome.Rejected, r.Outcome);
            Assert.Equal(EscalationStatus.SupervisorHandling, r.Error!.Status);
            Assert.Contains(holder, r.Error.Message, StringComparison.Ordinal);
        });
        var history = await h.Store.GetHistoryAsync(id);
        Assert.Single(history, e => e.Action == HistoryAction.SupervisorTookOver);
    }

    [Fact]
    public async Task An_event_for_an_unknown_escalation_is_not_found_and_writes_nothing()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite);
        var id = NewEscalationId();

        var result = await h.ApplyAsync(id, NoSupervisor());

        Assert.Equal(WorkflowOutcome.NotFound, result.Outcome);
        Assert.Null(await h.Store.LoadAsync(id));
        Assert.Equal(0, await CountAsync(h.Clients.Outbox));
    }

    [Fact]
    public async Task A_refused_move_writes_nothing()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite);
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake());
        var before = await h.Store.LoadAsync(id);

        var result = await h.ApplyAsync(id, Complete(resolved: true));

        Assert.Equal(WorkflowOutcome.Rejected, result.Outcome);
        var after = await h.Store.LoadAsync(id);
        Assert.Equal(before!.ETag, after!.ETag);
        Assert.Equal(before.State.HistoryCount, (await h.Store.GetHistoryAsync(id)).Count);
    }

    [Fact]
    public async Task The_stored_state_round_trips_exactly()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite);
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake(Bpo, threats: [ThreatKind.Bbb, ThreatKind.SocialMedia]));
        await h.ApplyAsync(id, NotDeEscalated());
        var applied = await h.ApplyAsync(id, NoSupervisor());

        var loaded = await h.Store.LoadAsync(id);

        Assert.Equal(StorageJson.Serialize(applied.State), StorageJson.Serialize(loaded!.State));
        Assert.Equal(2, loaded.State.Timers.Count);
        Assert.Equal(3, loaded.State.AppliedEventIds.Count);
    }

    internal static async Task<int> CountAsync(Azure.Storage.Queues.QueueClient queue)
    {
        var props = await queue.GetPropertiesAsync();
        return props.Value.ApproximateMessagesCount;
    }

    internal static async Task<int> CountRowsAsync(TableClient table)
    {
        var n = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"])) n++;
        return n;
    }
}
