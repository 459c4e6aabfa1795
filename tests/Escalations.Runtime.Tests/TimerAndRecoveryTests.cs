using Microsoft.Extensions.DependencyInjection;
using Azure.Data.Tables;
using Escalations.Domain;
using Microsoft.Extensions.Time.Testing;
using static Escalations.Runtime.Tests.Events;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;

namespace Escalations.Runtime.Tests;

/// <summary>Telling the clock, delivering timers, crashes and the sweep, with a fake clock: time is skipped, never slept.</summary>
[Collection(AzuriteTests.Name)]
public class TimerAndRecoveryTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private async Task<(RuntimeHarness H, string Id)> OpenCallbackAsync(Agent agent)
    {
        var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake(agent));
        await h.ApplyAsync(id, NotDeEscalated());
        await h.ApplyAsync(id, NoSupervisor());
        return (h, id);
    }

    [Fact]
    public async Task Commits_that_start_an_escalation_change_its_timers_or_close_it_tell_its_clock_their_version()
    {
        var (h, id) = await OpenCallbackAsync(InHouse);
        await using var _ = h;
        var closed = NewEscalationId();

        await h.ApplyAsync(id, new CallbackClaimed(Sup1) { EventId = Guid.NewGuid().ToString("N"), Channel = Channel.Api });
        await h.ApplyAsync(id, Complete(resolved: true));
        await h.ApplyAsync(closed, new EscalationRequested("contact-2", "acct-2", InHouse, RequestCategory.Claim) { EventId = Guid.NewGuid().ToString("N") });

        // Intake (1), hold armed (2), callback opened: hold cancelled, warning and due time armed (3); the claim (4)
        // leaves the timers as they were; the completion (5) closes it. An escalation closed at its intake has no clock.
        Assert.Equal([1, 2, 3, 5], h.Clock.VersionsOf(id));
        Assert.Empty(h.Clock.VersionsOf(closed));
    }

    [Fact]
    public async Task A_commit_a_timer_made_is_not_told_to_the_clock_that_fired_it()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake(InHouse));
        var hold = (await h.ApplyAsync(id, NotDeEscalated())).State!.Timers.Single();
        _clock.SetUtcNow(hold.DueAt);

        var fired = await h.Timers.DeliverAsync(id, hold);
        await h.Dispatched();

        // The hold opened the callback (version 3, new timers): the orchestration that fired it reads that itself.
        Assert.Equal((TimerOutcome.Applied, 3), (fired.Outcome, fired.State!.Version));
        Assert.Equal([1, 2], h.Clock.VersionsOf(id));
        Assert.Empty(await h.Store.GetOutboxAsync(id));
    }

    [Fact]
    public async Task The_same_timer_delivered_twice_and_a_stale_token_apply_once()
    {
        var (h, id) = await OpenCallbackAsync(Bpo);
        await using var _ = h;
        var sla = (await h.Store.LoadAsync(id))!.State.Timers.Single(t => t.Kind == TimerKind.CallbackSla);
        _clock.Advance(TimeSpan.FromHours(48));

        var first = await h.Timers.DeliverAsync(id, sla);
        var again = await h.Timers.DeliverAsync(id, sla);
        var stale = await h.Timers.DeliverAsync(id, sla with { Token = "CallbackSla-1" });
        await h.Dispatched();

        Assert.Equal([TimerOutcome.Applied, TimerOutcome.Ignored, TimerOutcome.Ignored], [first.Outcome, again.Outcome, stale.Outcome]);
        var state = (await h.Store.LoadAsync(id))!.State;
        Assert.Equal(EscalationStatus.SlaBreached, state.Status);
        Assert.Equal((state.Version, state.Status), (again.State!.Version, again.State.Status));
        Assert.Single(h.Sender.Kinds(id), k => k == NotificationKind.SlaBreached);
        Assert.Single(await h.Store.GetHistoryAsync(id), e => e.Action == HistoryAction.SlaBreached);
    }

    [Fact]
    public async Task A_timer_delivered_before_its_due_time_is_not_applied()
    {
        var (h, id) = await OpenCallbackAsync(InHouse);
        await using var _ = h;
        var sla = (await h.Store.LoadAsync(id))!.State.Timers.Single(t => t.Kind == TimerKind.CallbackSla);
        _clock.SetUtcNow(sla.DueAt - TimeSpan.FromMilliseconds(300));

        var early = await h.Timers.DeliverAsync(id, sla);

        Assert.Equal(TimerOutcome.Early, early.Outcome);
        Assert.Equal(EscalationStatus.CallbackPending, (await h.Store.LoadAsync(id))!.State.Status);
    }

    [Fact]
    public async Task Crash_between_commit_and_dispatch_the_sweep_completes_the_work_once()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake(Bpo));
        await h.ApplyAsync(id, NotDeEscalated());
        h.Workflow.AfterCommit = _ => throw new InvalidOperationException("process killed");

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Workflow.ApplyAsync(id, NoSupervisor()));
        h.Workflow.AfterCommit = null;
        var pending = await h.Store.GetOutboxAsync(id);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var report = await h.Sweeper.RunOnceAsync();
        var second = await h.Sweeper.RunOnceAsync();

        Assert.Equal([OutboxKind.Clock, OutboxKind.Notification, OutboxKind.Projection], pending.Select(r => r.Kind));
        Assert.Equal(1, report.OutboxesDrained);
        Assert.Equal(0, second.OutboxesDrained);
        Assert.Empty(await h.Store.GetOutboxAsync(id));
        Assert.Equal([NotificationKind.CallbackRequest], h.Sender.Kinds(id));
        Assert.Equal(EscalationStatus.CallbackPending, (await h.Projections.ListOpenAsync(vendor: "Acme")).Items.Single(e => e.EscalationId == id).Status);
        // The crashed dispatch never told the clock of version 3; the sweep did, once.
        Assert.Equal([1, 2, 3], h.Clock.VersionsOf(id));
    }

    [Fact]
    public async Task Crash_between_commit_and_dispatch_the_outbox_message_redrives_it()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake());
        h.Workflow.AfterCommit = _ => throw new InvalidOperationException("process killed");
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Workflow.ApplyAsync(id, NotDeEscalated()));
        h.Workflow.AfterCommit = null;

        var handled = 0;
        await RuntimeHarness.Eventually(async () => (handled += await h.OutboxPump.PumpOnceAsync(CancellationToken.None)) > 0,
            TimeSpan.FromSeconds(15), "the outbox message to become visible after the dispatch grace");

        Assert.Empty(await h.Store.GetOutboxAsync(id));
        Assert.Equal([1, 2], h.Clock.VersionsOf(id));
        Assert.Equal(0, await StoreAndConcurrencyTests.CountAsync(h.Clients.Outbox));
    }

    [Fact]
    public async Task A_clock_that_cannot_be_told_is_told_later_and_nothing_else_waits_for_it()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake(Bpo));
        h.Clock.FailNext(1);

        await h.ApplyAsync(id, NotDeEscalated());
        var left = Assert.Single(await h.Store.GetOutboxAsync(id));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var retried = await h.OutboxHandler.HandleAsync(new OutboxMessage(id));

        Assert.Equal((OutboxKind.Clock, 1), (left.Kind, left.Attempts));
        Assert.Equal(HandlerResult.Done, retried);
        Assert.Empty(await h.Store.GetOutboxAsync(id));
        Assert.Equal([1, 2], h.Clock.VersionsOf(id));
        // The projection did not wait for the clock.
        Assert.Equal(EscalationStatus.AwaitingSupervisor, (await h.Projections.ListOpenAsync(vendor: "Acme")).Items.Single(e => e.EscalationId == id).Status);
    }

    [Fact]
    public async Task A_clock_away_for_longer_than_the_attempts_allow_is_never_dead_lettered()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var id = NewEscalationId();
        var attempts = h.Services.GetRequiredService<RuntimeOptions>().MaxDispatchAttempts;
        h.Clock.FailNext(attempts + 2);

        await h.ApplyAsync(id, Intake(Bpo));
        for (var i = 0; i < attempts + 2; i++)
        {
            _clock.Advance(TimeSpan.FromHours(1));
            await h.OutboxHandler.HandleAsync(new OutboxMessage(id));
        }

        Assert.Empty(await h.Store.GetOutboxAsync(id));
        Assert.Equal([1], h.Clock.VersionsOf(id));
        Assert.Equal(0, await TestStorage.CountRowsAsync(h.Clients.DeadLetters));
    }

    [Fact]
    public async Task A_failing_email_is_retried_with_back_off_and_sent_once()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake(Bpo));
        await h.ApplyAsync(id, NotDeEscalated());
        h.Sender.FailNext(2);

        await h.ApplyAsync(id, NoSupervisor());
        var afterFirst = Assert.Single(await h.Store.GetOutboxAsync(id));
        var tooSoon = await h.OutboxHandler.HandleAsync(new OutboxMessage(id));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var second = await h.OutboxHandler.HandleAsync(new OutboxMessage(id));
        var afterSecond = Assert.Single(await h.Store.GetOutboxAsync(id));
        _clock.Advance(TimeSpan.FromSeconds(2));
        var third = await h.OutboxHandler.HandleAsync(new OutboxMessage(id));

        Assert.Equal((OutboxKind.Notification, 1), (afterFirst.Kind, afterFirst.Attempts));
        Assert.Contains("SMTP server unavailable", afterFirst.LastError, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), tooSoon.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(2), second.RetryAfter);
        Assert.Equal(2, afterSecond.Attempts);
        Assert.Equal(HandlerResult.Done, third);
        Assert.Empty(await h.Store.GetOutboxAsync(id));
        Assert.Equal([NotificationKind.CallbackRequest], h.Sender.Kinds(id));
        Assert.Equal(3, h.Sender.Attempts);
    }

    [Fact]
    public async Task A_permanently_failing_notification_is_dead_lettered_with_its_reason()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var id = NewEscalationId();
        h.Sender.FailNext(1, permanent: true);

        await h.ApplyAsync(id, Intake(Bpo, threats: [ThreatKind.Bbb]));

        Assert.Empty(await h.Store.GetOutboxAsync(id));
        var dead = new List<TableEntity>();
        await foreach (var e in h.Clients.DeadLetters.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"))) dead.Add(e);
        var row = Assert.Single(dead);
        Assert.Equal("Notification", row.GetString("Kind"));
        Assert.Contains("Recipient rejected", row.GetString("Reason"), StringComparison.Ordinal);
        Assert.Empty(h.Sender.Kinds(id));
    }
}
