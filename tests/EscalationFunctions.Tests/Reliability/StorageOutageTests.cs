using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace EscalationFunctions.Tests.Reliability;

/// <summary>
/// Azurite itself is stopped while escalations wait on their timers, and started again: while it is down the API
/// answers 503 at once; when it is back, the timers that came due meanwhile fire, the outbox drains and nothing is lost.
/// </summary>
[Collection(ApiTests.Name)]
public class StorageOutageTests(ITestOutputHelper output)
{
    private const int Escalations = 10;

    [Fact]
    public async Task With_storage_stopped_requests_fail_fast_with_503_and_after_it_restarts_timers_fire_and_nothing_is_lost()
    {
        await using var azurite = await AzuriteProcess.StartNewAsync();
        await using var app = TestApp.Start(azurite, new Dictionary<string, string?>
        {
            ["Escalation:SupervisorHoldTimeout"] = "00:00:08",
            ["Escalation:CallbackSla"] = "00:00:06",
            ["Escalation:BreachWarningAt"] = "0.5",
        });
        var ids = new List<string>();
        var lastDue = DateTimeOffset.MinValue;
        for (var i = 0; i < Escalations; i++)
        {
            var id = await EscalationsApiTests.StartAsync(app);
            using var held = await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
            Assert.Equal(HttpStatusCode.OK, held.StatusCode);
            foreach (var timer in (await TestApp.ReadAsync(held)).GetProperty("pendingTimers").EnumerateArray())
                lastDue = Max(lastDue, timer.GetProperty("dueAt").GetDateTimeOffset());
            ids.Add(id);
        }

        // Down: every hold timer comes due while storage is away (Azurite saves, then stops within 6 s).
        await azurite.StopAsync(graceful: true);
        var clock = Stopwatch.StartNew();
        var intake = TestApp.Intake("contact-" + Guid.NewGuid().ToString("N"));
        using var refusedIntake = await app.PostAsync("/api/escalations", intake);
        var refusedAfter = clock.Elapsed;
        using var refusedAction = await app.PostAsync($"/api/escalations/{ids[0]}/pickup", new { supervisorId = "sup-1" });
        using var refusedRead = await app.Client.GetAsync($"/api/escalations/{ids[0]}");
        using var health = await app.Client.GetAsync("/api/health");
        // Down until every hold timer is due (and a little past it), however long the set-up above took.
        var wait = lastDue - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);

        // Back: the same request now succeeds, and the timers catch up.
        await azurite.StartAsync();
        var downFor = clock.Elapsed;
        using var retried = await app.PostAsync("/api/escalations", intake);
        await TestApp.Eventually(async () =>
        {
            foreach (var id in ids)
                if ((await app.GetEscalationAsync(id)).GetProperty("status").GetString() != "slaBreached") return false;
            return true;
        }, TimeSpan.FromSeconds(60), "every escalation's timers to fire after the outage");
        var recoveredAfter = clock.Elapsed - downFor;
        await TestApp.Eventually(() => Task.FromResult(app.MailFiles().Count(f => f.Contains("SlaBreached", StringComparison.Ordinal)) == Escalations),
            TimeSpan.FromSeconds(20), "one breach email per escalation");
        var outboxLeft = await TestStorage.CountRowsAsync(app.Storage.Escalations, "outbox|");
        var deadLetters = await TestStorage.CountRowsAsync(app.Storage.DeadLetters);
        output.WriteLine($"first refusal after {refusedAfter.TotalMilliseconds:0} ms; storage down {downFor.TotalSeconds:0.0} s; all timers caught up {recoveredAfter.TotalSeconds:0.0} s after it returned");

        foreach (var refused in new[] { refusedIntake, refusedAction, refusedRead })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal("urn:escalation-functions:problem:storage-unavailable", (await TestApp.ReadAsync(refused)).GetProperty("type").GetString());
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        foreach (var id in ids)
        {
            var state = await app.GetEscalationAsync(id);
            var actions = state.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()).ToList();
            Assert.Equal(1, actions.Count(a => a == "callbackRequestCreated"));
            Assert.Equal(1, actions.Count(a => a == "slaBreached"));
            Assert.Equal(0, state.GetProperty("pendingTimers").GetArrayLength());
        }

        Assert.Equal(0, outboxLeft);
        Assert.Equal(0, deadLetters);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
