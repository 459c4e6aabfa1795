using Escalations.Domain;
using Microsoft.Extensions.Time.Testing;
using static Escalations.Runtime.Tests.Events;
using Escalations.Runtime.Storage;

namespace Escalations.Runtime.Tests;

[Collection(AzuriteTests.Name)]
public class ProjectionTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_account_history_spans_escalations_newest_first_and_pages()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var account = "acct/with#odd?chars";
        var first = NewEscalationId();
        var second = NewEscalationId();
        await h.ApplyAsync(first, Intake(account: account));
        _clock.Advance(TimeSpan.FromMinutes(1));
        await h.ApplyAsync(first, NotDeEscalated());
        _clock.Advance(TimeSpan.FromMinutes(1));
        await h.ApplyAsync(second, Intake(account: account, contact: "contact-2"));
        await h.ApplyAsync(NewEscalationId(), Intake(account: "someone-else"));

        var page1 = await h.Projections.GetAccountHistoryAsync(account, pageSize: 2);
        var page2 = await h.Projections.GetAccountHistoryAsync(account, pageSize: 2, continuationToken: page1.ContinuationToken);

        Assert.Equal(
            [(second, HistoryAction.SupervisorRequested), (first, HistoryAction.DeEscalationFailed)],
            page1.Items.Select(e => (e.EscalationId, e.Action)));
        Assert.Equal([(first, HistoryAction.SupervisorRequested)], page2.Items.Select(e => (e.EscalationId, e.Action)));
        Assert.All(page1.Items.Concat(page2.Items), e => Assert.Equal(account, e.AccountId));
        Assert.Null(page2.ContinuationToken);
    }

    [Fact]
    public async Task Open_callbacks_are_listed_by_vendor_supervisor_and_due_time_and_closed_ones_drop_out()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var acme = await OpenCallback(h, Bpo);
        _clock.Advance(TimeSpan.FromHours(1));
        var inHouse = await OpenCallback(h, InHouse);
        await h.ApplyAsync(inHouse, new CallbackClaimed(new SupervisorRef("sup-7")) { EventId = Guid.NewGuid().ToString() });
        var closed = await OpenCallback(h, Bpo);
        await h.ApplyAsync(closed, Complete(resolved: true));

        var byVendor = await h.Projections.ListOpenAsync(vendor: "Acme");
        var bySupervisor = await h.Projections.ListOpenAsync(supervisorId: "sup-7");
        var dueSoon = await h.Projections.ListOpenAsync(status: EscalationStatus.CallbackPending, dueBefore: _clock.GetUtcNow().AddHours(47.5));

        Assert.Equal([acme], byVendor.Items.Select(e => e.EscalationId));
        Assert.Equal([inHouse], bySupervisor.Items.Select(e => e.EscalationId));
        Assert.Equal([acme], dueSoon.Items.Select(e => e.EscalationId));
        Assert.Equal(_clock.GetUtcNow().AddHours(47), byVendor.Items[0].CallbackDueAt);
    }

    [Fact]
    public async Task An_older_projection_arriving_late_never_rolls_the_index_back()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var id = NewEscalationId();
        var v1 = (await h.ApplyAsync(id, Intake())).State!;
        await h.ApplyAsync(id, NotDeEscalated());

        await h.Projections.ProjectAsync(new ProjectionWork(v1, []), _clock.GetUtcNow());

        var entry = (await h.Projections.ListOpenAsync()).Items.Single(e => e.EscalationId == id);
        Assert.Equal((EscalationStatus.AwaitingSupervisor, 2), (entry.Status, entry.Version));
    }

    [Fact]
    public async Task The_sweep_purges_closed_escalations_from_the_index_after_the_retention()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake());
        await h.ApplyAsync(id, new DeEscalationAttempted(true) { EventId = "resolve" });

        var early = await h.Sweeper.RunOnceAsync();
        _clock.Advance(TimeSpan.FromDays(1.5));
        var later = await h.Sweeper.RunOnceAsync();

        Assert.Equal(0, early.IndexRowsPurged);
        Assert.Equal(1, later.IndexRowsPurged);
        Assert.Equal(0, await StoreAndConcurrencyTests.CountRowsAsync(h.Clients.Index));
    }

    [Fact]
    public async Task The_open_callback_of_an_account_is_found_from_its_own_history_and_closed_ones_are_skipped()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var account = "acct-" + Guid.NewGuid().ToString("N")[..8];
        var closed = await OpenCallback(h, InHouse, account);
        await h.ApplyAsync(closed, Complete(resolved: true));
        var none = await h.Projections.FindOpenCallbackAsync(account);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var open = await OpenCallback(h, Bpo, account);
        await OpenCallback(h, Bpo, "someone-else");

        var found = await h.Projections.FindOpenCallbackAsync(account);

        Assert.Null(none);
        Assert.Equal(open, found);
    }

    private static async Task<string> OpenCallback(RuntimeHarness h, Agent agent, string account)
    {
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake(agent, account: account));
        await h.ApplyAsync(id, NotDeEscalated());
        await h.ApplyAsync(id, NoSupervisor());
        return id;
    }

    private static async Task<string> OpenCallback(RuntimeHarness h, Agent agent)
    {
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake(agent));
        await h.ApplyAsync(id, NotDeEscalated());
        await h.ApplyAsync(id, NoSupervisor());
        return id;
    }
}
