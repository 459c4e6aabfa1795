using System.Collections.Concurrent;
using Escalations.Domain;
using Escalations.Runtime.Storage;
using Microsoft.Extensions.Time.Testing;
using Moq;
using static Escalations.Runtime.Tests.Events;

namespace Escalations.Runtime.Tests;

/// <summary>
/// The follow-up record (QuickBase in the app) through the outbox, with the port faked: the last call to land is of
/// the latest state, an outage never dead-letters it, and a redelivered outbox sends one call for all its rows.
/// </summary>
[Collection(AzuriteTests.Name)]
public class FollowUpDispatchTests(AzuriteFixture azurite)
{
    private static Mock<IFollowUpSync> Port(Func<Escalation, Task<FollowUpRecord>> sync)
    {
        var port = new Mock<IFollowUpSync>();
        port.Setup(p => p.Enabled).Returns(true);
        port.Setup(p => p.SyncAsync(It.IsAny<Escalation>(), It.IsAny<CancellationToken>())).Returns((Escalation e, CancellationToken _) => sync(e));
        return port;
    }

    private static async Task<string> CallbackPendingAsync(RuntimeHarness h)
    {
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake(Bpo));
        await h.ApplyAsync(id, NotDeEscalated());
        await h.ApplyAsync(id, NoSupervisor());
        return id;
    }

    [Fact]
    public async Task A_change_committed_while_a_call_is_in_flight_is_sent_after_it_so_the_last_call_to_land_is_the_latest_state()
    {
        var landed = new ConcurrentQueue<int>();
        RuntimeHarness? harness = null;
        string? escalation = null;
        var raced = 0;
        var port = Port(async e =>
        {
            // The first call is still in flight when a supervisor claims the callback (another commit, another lane),
            // and that newer call lands first: the older one lands last.
            if (Interlocked.Exchange(ref raced, 1) == 0)
            {
                await harness!.Workflow.ApplyAsync(escalation!, new CallbackClaimed(Sup1) { EventId = Guid.NewGuid().ToString("N"), Channel = Channel.Api });
                await RuntimeHarness.Eventually(() => Task.FromResult(landed.Contains(e.Version + 1)), TimeSpan.FromSeconds(30), "the newer call to land first");
            }

            landed.Enqueue(e.Version);
            return new FollowUpRecord("QuickBase", "7", Created: landed.Count == 1);
        });
        await using var h = harness = await RuntimeHarness.CreateAsync(azurite.Azurite, followUps: port.Object);
        var id = escalation = NewEscalationId();
        await h.ApplyAsync(id, Intake(Bpo));
        await h.ApplyAsync(id, NotDeEscalated());

        await h.ApplyAsync(id, NoSupervisor());
        await h.Dispatched();

        var final = (await h.Store.LoadAsync(id))!.State;
        Assert.NotNull(final.Callback!.Owner);
        Assert.Equal(final.Version, landed.Last());
        Assert.Equal([final.Version, final.Version - 1, final.Version], landed); // the newer state, the older one landing late, the newer again
        Assert.Empty(await h.Store.GetOutboxAsync(id));
    }

    [Fact]
    public async Task An_outage_keeps_the_follow_up_row_for_another_try_however_many_attempts_it_took()
    {
        var port = Port(_ => throw new HttpRequestException("QuickBase answered 503"));
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, followUps: port.Object,
            settings: new Dictionary<string, string?> { ["Runtime:MaxDispatchAttempts"] = "1" });

        var id = await CallbackPendingAsync(h);

        var row = Assert.Single(await h.Store.GetOutboxAsync(id), r => r.Kind == OutboxKind.FollowUp);
        Assert.Contains("503", row.LastError, StringComparison.Ordinal);
        Assert.Equal(0, await TestStorage.CountRowsAsync(h.Clients.DeadLetters));
    }

    [Fact]
    public async Task A_redelivered_outbox_sends_one_call_for_all_its_follow_up_rows_after_the_notifications()
    {
        var calls = new ConcurrentQueue<int>();
        var down = true;
        var port = Port(e => down ? throw new HttpRequestException("QuickBase answered 503") : Task.FromResult(Record(calls, e)));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, clock, followUps: port.Object);
        var id = await CallbackPendingAsync(h);
        await h.ApplyAsync(id, new CallbackClaimed(Sup1) { EventId = Guid.NewGuid().ToString("N"), Channel = Channel.Api });
        Assert.Equal(2, (await h.Store.GetOutboxAsync(id)).Count(r => r.Kind == OutboxKind.FollowUp));

        down = false;
        clock.Advance(TimeSpan.FromSeconds(5)); // past the back-off (Runtime:RetryBaseDelay is 1 s in the harness)
        await h.Dispatcher.DispatchPendingAsync(id);

        Assert.Equal([(await h.Store.LoadAsync(id))!.State.Version], calls);
        Assert.Empty(await h.Store.GetOutboxAsync(id));
    }

    private static FollowUpRecord Record(ConcurrentQueue<int> calls, Escalation e)
    {
        calls.Enqueue(e.Version);
        return new FollowUpRecord("QuickBase", "7", Created: calls.Count == 1);
    }
}
