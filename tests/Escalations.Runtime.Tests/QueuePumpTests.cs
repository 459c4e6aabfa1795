using System.Collections.Concurrent;
using Escalations.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;

namespace Escalations.Runtime.Tests;

[Collection(AzuriteTests.Name)]
public class QueuePumpTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_backlog_brings_in_helper_loops_up_to_the_limit_and_an_idle_queue_is_polled_by_one()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, settings: new Dictionary<string, string?>
        {
            ["Runtime:ReceiveBatchSize"] = "4",
            ["Runtime:ReceiveLoops"] = "3",
            ["Runtime:PollInterval"] = "00:00:00.050",
        });
        const int backlog = 120;
        await Task.WhenAll(Enumerable.Range(0, backlog).Select(i => h.Clients.Outbox.SendMessageAsync(BinaryData.FromObjectAsJson(new OutboxMessage($"esc-{i}"), StorageJson.Options))));
        var handled = new ConcurrentDictionary<string, int>();
        var concurrent = 0;
        var mostConcurrent = 0;
        var pump = new QueuePump<OutboxMessage>(h.Clients.Outbox, async (message, ct) =>
        {
            var now = Interlocked.Increment(ref concurrent);
            InterlockedMax(ref mostConcurrent, now);
            await Task.Delay(20, ct);
            Interlocked.Decrement(ref concurrent);
            handled.AddOrUpdate(message.EscalationId, 1, (_, n) => n + 1);
            return HandlerResult.Done;
        }, h.Services.GetRequiredService<DeadLetters>(), h.Services.GetRequiredService<RuntimeOptions>(), TimeProvider.System, NullLogger<QueuePump<OutboxMessage>>.Instance);
        var mostLoops = 0;

        await pump.StartAsync(CancellationToken.None);
        await RuntimeHarness.Eventually(() =>
        {
            InterlockedMax(ref mostLoops, pump.ActiveLoops);
            return Task.FromResult(handled.Count == backlog);
        }, TimeSpan.FromSeconds(30), "the backlog drained");
        await RuntimeHarness.Eventually(() => Task.FromResult(pump.ActiveLoops == 1), TimeSpan.FromSeconds(10), "the helpers to leave");
        await pump.StopAsync(CancellationToken.None);

        Assert.All(handled.Values, n => Assert.Equal(1, n));
        Assert.Equal(3, mostLoops);
        Assert.InRange(mostConcurrent, 5, 12);
        Assert.Equal(0, await StoreAndConcurrencyTests.CountAsync(h.Clients.Outbox));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }
}
