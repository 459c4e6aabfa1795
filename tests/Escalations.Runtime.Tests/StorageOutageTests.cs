using System.Diagnostics;
using Escalations.Domain;
using static Escalations.Runtime.Tests.Events;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;

namespace Escalations.Runtime.Tests;

/// <summary>Cuts the network between the runtime and Azurite, as a storage outage looks to the app, then restores it.</summary>
[Collection(AzuriteTests.Name)]
public class StorageOutageTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task During_an_outage_writes_fail_fast_and_cleanly_and_pending_work_drains_when_storage_returns()
    {
        await using var tables = new TcpRelay(azurite.Azurite.TablePort);
        await using var queues = new TcpRelay(azurite.Azurite.QueuePort);
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite,
            connectionString: azurite.Azurite.ConnectionStringVia(queues.Port, tables.Port));
        var id = NewEscalationId();
        await h.ApplyAsync(id, Intake(Bpo));
        await h.ApplyAsync(id, NotDeEscalated());
        var before = (await h.Store.LoadAsync(id))!;
        // The next transition commits, then the process dies before dispatching its effects...
        h.Workflow.AfterCommit = _ => throw new InvalidOperationException("process killed");
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Workflow.ApplyAsync(id, NoSupervisor()));
        h.Workflow.AfterCommit = null;

        // ...and storage goes away.
        tables.Cut();
        queues.Cut();
        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<StorageUnavailableException>(() => h.Workflow.ApplyAsync(id, PickUp("sup-9")));
        clock.Stop();
        output.WriteLine($"refused after {clock.Elapsed.TotalMilliseconds:0} ms");
        tables.Restore();
        queues.Restore();

        var after = (await h.Store.LoadAsync(id))!;
        var outboxPending = await h.Store.GetOutboxAsync(id);
        await RuntimeHarness.Eventually(async () => await h.OutboxPump.PumpOnceAsync(CancellationToken.None) > 0,
            TimeSpan.FromSeconds(20), "the outbox message after the outage");

        Assert.Contains("unavailable", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before.State.Version + 1, after.State.Version);
        Assert.Equal(EscalationStatus.CallbackPending, after.State.Status);
        Assert.NotEmpty(outboxPending);
        Assert.Empty(await h.Store.GetOutboxAsync(id));
        Assert.Equal([NotificationKind.CallbackRequest], h.Sender.Kinds(id));
        Assert.Equal(WorkflowOutcome.Rejected, (await h.ApplyAsync(id, PickUp("sup-9"))).Outcome);
    }
}
