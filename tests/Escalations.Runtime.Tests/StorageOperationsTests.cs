using Azure.Core;
using Escalations.Domain;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static Escalations.Runtime.Tests.Events;
using Escalations.Runtime.Storage;

namespace Escalations.Runtime.Tests;

[Collection(AzuriteTests.Name)]
public class StorageOperationsTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Theory]
    [InlineData("table", "POST", "http://h/acct/$batch", "table.batch")]
    [InlineData("table", "GET", "http://h/acct/Escalations(PartitionKey='a',RowKey='state')", "table.get")]
    [InlineData("table", "GET", "http://h/acct/Escalations()?$filter=x", "table.query")]
    [InlineData("table", "POST", "http://h/acct/Tables", "table.admin")]
    [InlineData("table", "PUT", "http://h/acct/Index(PartitionKey='open',RowKey='e')", "table.upsert")]
    [InlineData("queue", "POST", "http://h/acct/q/messages?visibilitytimeout=5", "queue.put")]
    [InlineData("queue", "GET", "http://h/acct/q/messages?numofmessages=16", "queue.get")]
    [InlineData("queue", "DELETE", "http://h/acct/q/messages/id?popreceipt=p", "queue.delete")]
    [InlineData("queue", "PUT", "http://h/acct/q/messages/id?popreceipt=p", "queue.update")]
    [InlineData("queue", "PUT", "http://h/acct/q", "queue.admin")]
    public void Requests_are_counted_by_kind(string service, string method, string uri, string kind) =>
        Assert.Equal(kind, StorageOperationCounter.Classify(service, RequestMethod.Parse(method), new Uri(uri)));

    /// <summary>
    /// The storage cost of the lifecycle the README quotes: intake, not de-escalated, no pickup (hold timer),
    /// callback request emailed, warning, breach. Timers are delivered as the escalation's orchestration delivers them;
    /// telling the orchestration is counted by the benchmark, on the task hub, not here.
    /// </summary>
    [Fact]
    public async Task One_full_lifecycle_costs_a_bounded_number_of_storage_operations()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, clock);
        var id = NewEscalationId();
        h.Counter.Reset();
        long testReads = 0;
        async Task<Escalation> Peek()
        {
            var before = h.Counter.Total;
            var state = (await h.Store.LoadAsync(id))!.State;
            testReads += h.Counter.Total - before;
            return state;
        }

        await h.ApplyAsync(id, Intake(Bpo));
        await h.ApplyAsync(id, NotDeEscalated());
        foreach (var kind in new[] { TimerKind.SupervisorHold, TimerKind.BreachWarning, TimerKind.CallbackSla })
        {
            var timer = (await Peek()).Timers.Single(t => t.Kind == kind);
            clock.SetUtcNow(timer.DueAt);
            await h.Timers.DeliverAsync(id, timer);
            await h.Dispatched();
        }

        Assert.Equal(EscalationStatus.SlaBreached, (await Peek()).Status);
        var total = h.Counter.Total - testReads;
        output.WriteLine($"storage operations per lifecycle: {total}");
        foreach (var (kind, n) in h.Counter.Snapshot()) output.WriteLine($"  {kind}: {n}");
        // 5 transitions x (load, outbox put, commit batch, history batch, index get + write, settle batch, outbox delete)
        // - 1 (an intake inserts without loading) + 3 notification claims + 2 (the account's lookup row when the callback
        // opens) + 5 (the report row: inserted at intake, read and replaced when the callback opens and when it breaches;
        // the hold and the warning leave it alone). No timer messages: the timers are the orchestration's.
        Assert.InRange(total, 5 * 8 - 1 + 3 + 2 + 5, 5 * 8 - 1 + 3 + 2 + 5 + 5);
    }
}
