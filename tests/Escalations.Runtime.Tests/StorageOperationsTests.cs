using Azure.Core;
using Escalations.Domain;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Escalations.Runtime.Tests.Events;

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
    /// callback request emailed, warning, breach. Timers are delivered through the handler, as the pump or the
    /// Functions trigger would; the pump's own receive and delete calls are not included.
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
            await h.TimerHandler.HandleAsync(new TimerMessage(id, timer.Kind, timer.Token, timer.DueAt));
            await h.Dispatched();
        }

        Assert.Equal(EscalationStatus.SlaBreached, (await Peek()).Status);
        var total = h.Counter.Total - testReads;
        output.WriteLine($"storage operations per lifecycle: {total}");
        foreach (var (kind, n) in h.Counter.Snapshot()) output.WriteLine($"  {kind}: {n}");
        // 5 transitions x (load, outbox put, commit batch, history batch, index get + write, settle batch, outbox delete)
        // + 3 timer puts - 1 (an intake inserts without loading) + 3 notification claims + 2 (the account's lookup row
        // when the callback opens).
        Assert.InRange(total, 5 * 8 + 3 - 1 + 3 + 2, 5 * 8 + 3 - 1 + 3 + 2 + 5);
    }
}

[Collection(AzuriteTests.Name)]
public class QueueEncodingTests(AzuriteFixture azurite)
{
    /// <summary>The Functions queue trigger reads Base64 (host.json says so explicitly); the standalone pump must write the same.</summary>
    [Fact]
    public async Task Timer_messages_are_base64_json_as_the_functions_queue_trigger_reads_them()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite);
        var due = DateTimeOffset.UtcNow;
        await h.Services.GetRequiredService<WorkQueues>().ScheduleTimerAsync(new TimerMessage("esc-1", TimerKind.CallbackSla, "CallbackSla-3", due), due);
        var raw = new Azure.Storage.Queues.QueueClient(azurite.Azurite.ConnectionString, h.Clients.Timers.Name);

        var message = (await raw.ReceiveMessagesAsync(1)).Value.Single();
        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(message.Body.ToString()));
        using var hostJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteProcess.RepositoryRoot(), "host.json")));

        Assert.Equal("base64", hostJson.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("messageEncoding").GetString());
        Assert.Equal(new TimerMessage("esc-1", TimerKind.CallbackSla, "CallbackSla-3", due), StorageJson.Deserialize<TimerMessage>(json));
        Assert.Contains("\"kind\":\"CallbackSla\"", json, StringComparison.Ordinal);
    }
}

public class QueueDelayTests
{
    [Theory]
    [InlineData(-5.0, 0.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(0.2, 1.0)]
    [InlineData(1.7, 2.0)]
    [InlineData(3.0, 3.0)]
    public void Delays_round_up_to_whole_seconds_so_a_timer_never_arrives_early_and_bounces(double seconds, double expected) =>
        Assert.Equal(TimeSpan.FromSeconds(expected), WorkQueues.Clamp(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Delays_past_the_service_limit_are_capped_and_the_timer_hops() =>
        Assert.Equal(QueueLimits.MaxVisibilityDelay, WorkQueues.Clamp(TimeSpan.FromDays(30)));
}
