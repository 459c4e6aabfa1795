using Azure.Data.Tables;
using Escalations.Domain;
using Microsoft.Extensions.Time.Testing;
using static Escalations.Runtime.Tests.Events;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;

namespace Escalations.Runtime.Tests;

/// <summary>Timers, crashes and the sweep, with a fake clock: time is skipped, never slept.</summary>
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
    public async Task Committed_timers_are_enqueued_invisible_until_due()
    {
        var (h, id) = await OpenCallbackAsync(Bpo);
        await using var _ = h;

        var visibleNow = await h.Clients.Timers.ReceiveMessagesAsync(32);
        var state = (await h.Store.LoadAsync(id))!.State;

        Assert.Empty(visibleNow.Value);
        Assert.Equal(3, await StoreAndConcurrencyTests.CountAsync(h.Clients.Timers));
        Assert.Equal(EscalationStatus.CallbackPending, state.Status);
        Assert.Equal([NotificationKind.CallbackRequest], h.Sender.Kinds(id));
    }

    [Fact]
    public async Task The_same_timer_delivered_twice_and_a_stale_token_apply_once()
    {
        var (h, id) = await OpenCallbackAsync(Bpo);
        await using var _ = h;
        var sla = (await h.Store.LoadAsync(id))!.State.Timers.Single(t => t.Kind == TimerKind.CallbackSla);
        var message = new TimerMessage(id, sla.Kind, sla.Token, sla.DueAt);
        _clock.Advance(TimeSpan.FromHours(48));

        var first = await h.TimerHandler.HandleAsync(message);
        var again = await h.TimerHandler.HandleAsync(message);
        var stale = await h.TimerHandler.HandleAsync(message with { Token = "CallbackSla-1" });
        await h.Dispatched();

        Assert.Equal([HandlerResult.Done, HandlerResult.Done, HandlerResult.Done], [first, again, stale]);
        var state = (await h.Store.LoadAsync(id))!.State;
        Assert.Equal(EscalationStatus.SlaBreached, state.Status);
        Assert.Single(h.Sender.Kinds(id), k => k == NotificationKind.SlaBreached);
        Assert.Single(await h.Store.GetHistoryAsync(id), e => e.Action == HistoryAction.SlaBreached);
    }

    [Fact]
    public async Task An_early_timer_message_is_sent_back_until_its_time_and_long_timers_hop()
    {
        var (h, id) = await OpenCallbackAsync(InHouse);
        await using var _ = h;
        var sla = (await h.Store.LoadAsync(id))!.State.Timers.Single(t => t.Kind == TimerKind.CallbackSla);

        var early = await h.TimerHandler.HandleAsync(new TimerMessage(id, sla.Kind, sla.Token, sla.DueAt));
        var far = await h.TimerHandler.HandleAsync(new TimerMessage(id, sla.Kind, sla.Token, _clock.GetUtcNow().AddDays(30)));

        Assert.Equal(TimeSpan.FromHours(48), early.RetryAfter);
        Assert.Equal(QueueLimits.MaxVisibilityDelay, far.RetryAfter);
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

        Assert.Equal([OutboxKind.Timer, OutboxKind.Timer, OutboxKind.Notification, OutboxKind.Projection], pending.Select(r => r.Kind));
        Assert.Equal(1, report.OutboxesDrained);
        Assert.Equal(0, second.OutboxesDrained);
        Assert.Empty(await h.Store.GetOutboxAsync(id));
        Assert.Equal([NotificationKind.CallbackRequest], h.Sender.Kinds(id));
        Assert.Equal(EscalationStatus.CallbackPending, (await h.Projections.ListOpenAsync(vendor: "Acme")).Items.Single(e => e.EscalationId == id).Status);
        // The hold timer plus the two callback timers the crashed dispatch never enqueued.
        Assert.Equal(3, await StoreAndConcurrencyTests.CountAsync(h.Clients.Timers));
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
        Assert.Equal(1, await StoreAndConcurrencyTests.CountAsync(h.Clients.Timers));
        Assert.Equal(0, await StoreAndConcurrencyTests.CountAsync(h.Clients.Outbox));
    }

    [Fact]
    public async Task A_timer_whose_message_was_lost_is_fired_by_the_sweep_and_management_is_told_once()
    {
        var (h, id) = await OpenCallbackAsync(Bpo);
        await using var _ = h;
        await h.Clients.Timers.ClearMessagesAsync();

        _clock.Advance(TimeSpan.FromHours(49));
        var report = await h.Sweeper.RunOnceAsync();
        var again = await h.Sweeper.RunOnceAsync();
        await h.Dispatched(); // the breach the sweep committed sends its email after the commit

        var state = (await h.Store.LoadAsync(id))!.State;
        Assert.Equal(EscalationStatus.SlaBreached, state.Status);
        Assert.Equal(1, report.TimersFired);
        Assert.Equal(0, again.TimersFired);
        Assert.Equal([NotificationKind.CallbackRequest, NotificationKind.SlaBreached], h.Sender.Kinds(id));
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
