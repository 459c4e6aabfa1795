using Escalations.Domain;
using Microsoft.Extensions.Time.Testing;
using static Escalations.Runtime.Tests.Events;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;

namespace Escalations.Runtime.Tests;

/// <summary>
/// The answer follows the commit: effects are performed after it, off the request path, and a notification is
/// sent once even when dispatchers overlap (the in-process worker, the outbox re-drive, another instance).
/// </summary>
[Collection(AzuriteTests.Name)]
public class DispatchTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private static async Task<string> AwaitingSupervisorAsync(RuntimeHarness h)
    {
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake(Bpo));
        await h.ApplyAsync(id, NotDeEscalated());
        return id;
    }

    [Fact]
    public async Task A_commit_answers_while_its_notification_is_still_being_sent()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var id = await AwaitingSupervisorAsync(h);
        var relay = h.Sender.Hold();

        var result = await h.Workflow.ApplyAsync(id, NoSupervisor());
        await h.Sender.WaitForSendAsync();

        // Answered and committed, and the email has not gone yet: the relay is still holding it.
        Assert.Equal(WorkflowOutcome.Applied, result.Outcome);
        Assert.Equal(EscalationStatus.CallbackPending, (await h.Store.LoadAsync(id))!.State.Status);
        Assert.Empty(h.Sender.Kinds(id));
        Assert.Contains(await h.Store.GetOutboxAsync(id), r => r.Kind == OutboxKind.Notification && r.ClaimedBy is not null);

        relay.SetResult();
        await h.Dispatched();
        Assert.Equal([NotificationKind.CallbackRequest], h.Sender.Kinds(id));
        Assert.Empty(await h.Store.GetOutboxAsync(id));
        Assert.Equal(0, await StoreAndConcurrencyTests.CountAsync(h.Clients.Outbox));
    }

    [Fact]
    public async Task The_outbox_redrive_skips_a_notification_the_in_process_worker_is_sending()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var id = await AwaitingSupervisorAsync(h);
        var relay = h.Sender.Hold();
        await h.Workflow.ApplyAsync(id, NoSupervisor());
        await h.Sender.WaitForSendAsync();

        // The worker's send stalls past the dispatch grace, so the backstop message shows up and is re-driven.
        var redrive = await h.Dispatcher.DispatchPendingAsync(id);
        var handled = await h.OutboxHandler.HandleAsync(new OutboxMessage(id));
        relay.SetResult();
        await h.Dispatched();

        Assert.Equal(TimeSpan.FromMinutes(5), redrive);
        Assert.NotNull(handled.RetryAfter);
        Assert.Equal([NotificationKind.CallbackRequest], h.Sender.Kinds(id));
        Assert.Equal(1, h.Sender.Attempts);
        Assert.Empty(await h.Store.GetOutboxAsync(id));
    }

    [Fact]
    public async Task Two_instances_dispatching_the_same_rows_at_once_send_each_notification_once()
    {
        var prefix = RuntimeHarness.NewPrefix();
        // The second instance's mail port is a mock: it only has to count what reaches it.
        var twoSender = new Moq.Mock<INotificationSender>();
        twoSender.Setup(s => s.SendAsync(Moq.It.IsAny<Notification>(), Moq.It.IsAny<CancellationToken>())).Returns(Task.FromResult(new SentNotification(["sups@recipients.test"], "m@test", null)));
        await using var one = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock, prefix: prefix);
        await using var two = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock, prefix: prefix, sender: twoSender.Object);
        var id = await AwaitingSupervisorAsync(one);
        one.Workflow.AfterCommit = _ => throw new InvalidOperationException("process killed");
        await Assert.ThrowsAsync<InvalidOperationException>(() => one.Workflow.ApplyAsync(id, NoSupervisor()));
        one.Workflow.AfterCommit = null;
        var rows = await one.Store.GetOutboxAsync(id);

        for (var round = 0; round < 5 && (await one.Store.GetOutboxAsync(id)).Count > 0; round++)
            await Task.WhenAll(one.Dispatcher.DispatchAsync(id, rows), two.Dispatcher.DispatchAsync(id, rows), one.Dispatcher.DispatchPendingAsync(id), two.Dispatcher.DispatchPendingAsync(id));

        Assert.Equal(1, one.Sender.Sent.Count + twoSender.Invocations.Count);
        Assert.Empty(await one.Store.GetOutboxAsync(id));
        Assert.Single(await one.Store.GetHistoryAsync(id), e => e.Action == HistoryAction.Notified);
    }

    [Fact]
    public async Task A_claim_left_by_a_dispatcher_that_died_is_taken_over_once_its_lease_runs_out()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var id = await AwaitingSupervisorAsync(h);
        h.Workflow.AfterCommit = _ => throw new InvalidOperationException("process killed");
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Workflow.ApplyAsync(id, NoSupervisor()));
        h.Workflow.AfterCommit = null;
        var email = (await h.Store.GetOutboxAsync(id)).Single(r => r.Kind == OutboxKind.Notification);
        Assert.NotNull(await h.Store.ClaimAsync(email, "a dispatcher that died", _clock.GetUtcNow() + TimeSpan.FromMinutes(5)));

        var whileHeld = await h.Dispatcher.DispatchPendingAsync(id);
        var sentWhileHeld = h.Sender.Sent.Count;
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var afterLease = await h.Dispatcher.DispatchPendingAsync(id);

        Assert.Equal(0, sentWhileHeld);
        Assert.Equal(TimeSpan.FromMinutes(5), whileHeld);
        Assert.Null(afterLease);
        Assert.Equal([NotificationKind.CallbackRequest], h.Sender.Kinds(id));
        Assert.Empty(await h.Store.GetOutboxAsync(id));
    }

    [Fact]
    public async Task An_intake_inserts_without_reading_first_and_a_retried_intake_answers_with_what_it_made()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var id = NewEscalationId();
        var intake = Intake(Bpo, account: "acct-" + id);

        var log = StorageOperationCounter.BeginLog();
        var first = await h.Intakes.StartAsync(id, intake, linkRepeatCalls: true);
        log.Close();
        var retryLog = StorageOperationCounter.BeginLog();
        var retry = await h.Intakes.StartAsync(id, intake, linkRepeatCalls: true);
        retryLog.Close();
        await h.Dispatched();

        Assert.Equal(IntakeOutcome.Created, first.Outcome);
        Assert.Equal(IntakeOutcome.AlreadyStarted, retry.Outcome);
        Assert.Equal(1, retry.State!.Version);
        // The repeat-call lookup and the backstop message together, then the insert: no read of the escalation.
        Assert.Equal(["queue.put", "table.batch", "table.query"], log.Kinds.Order());
        Assert.Equal(2, log.SequentialRoundTrips);
        // A retry: the insert finds the escalation there, reads it and answers with it.
        Assert.Contains("table.get", retryLog.Kinds);
        Assert.Single(await h.Store.GetHistoryAsync(id));
    }

    [Fact]
    public async Task An_action_waits_for_two_round_trips_the_load_with_the_backstop_then_the_commit()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var id = await AwaitingSupervisorAsync(h);

        var log = StorageOperationCounter.BeginLog();
        await h.Workflow.ApplyAsync(id, NoSupervisor());
        log.Close();
        await h.Dispatched();

        Assert.Equal(["queue.put", "table.batch", "table.get"], log.Kinds.Order());
        Assert.Equal(2, log.SequentialRoundTrips);
        Assert.Equal([NotificationKind.CallbackRequest], h.Sender.Kinds(id));
    }

    [Fact]
    public async Task A_refused_event_commits_nothing_and_its_backstop_message_is_removed_after_the_answer()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var id = await AwaitingSupervisorAsync(h);
        await h.ApplyAsync(id, PickUp("sup-1"));

        var refused = await h.ApplyAsync(id, PickUp("sup-2"));

        Assert.Equal(WorkflowOutcome.Rejected, refused.Outcome);
        Assert.Equal(0, await StoreAndConcurrencyTests.CountAsync(h.Clients.Outbox));
        Assert.Equal(3, (await h.Store.LoadAsync(id))!.State.Version);
    }

    [Fact]
    public async Task A_late_retry_of_an_intake_is_not_linked_to_a_callback_the_account_opened_since()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, _clock);
        var account = "acct-" + Guid.NewGuid().ToString("N")[..8];
        var late = NewEscalationId();
        var intake = Intake(Bpo, account: account, contact: "contact-late");
        Assert.Equal(IntakeOutcome.Created, (await h.Intakes.StartAsync(late, intake, linkRepeatCalls: true)).Outcome);
        var open = NewEscalationId();
        await h.ApplyAsync(open, Intake(Bpo, account: account, contact: "contact-open"));
        await h.ApplyAsync(open, NotDeEscalated());
        await h.ApplyAsync(open, NoSupervisor());

        var retried = await h.Intakes.StartAsync(late, intake, linkRepeatCalls: true);
        var repeat = await h.Intakes.StartAsync(NewEscalationId(), Intake(Bpo, account: account, contact: "contact-new"), linkRepeatCalls: true);
        await h.Dispatched();

        Assert.Equal(IntakeOutcome.AlreadyStarted, retried.Outcome);
        Assert.Equal(late, retried.State!.Id);
        Assert.Equal(IntakeOutcome.Linked, repeat.Outcome);
        Assert.Equal(open, repeat.State!.Id);
        Assert.Single(await h.Store.GetHistoryAsync(open), e => e.Action == HistoryAction.CustomerCalledAgain);
    }
}
