using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace EscalationFunctions.Tests.Reliability;

/// <summary>
/// Scale-out: three instances of the app, each its own process with its own worker id, on one storage account and
/// one task hub, as the Functions host runs instances of one app. Callers spread their requests over all three; one
/// instance is killed for good while the timers run. Its partitions pass to the others once its leases run out.
/// </summary>
[Collection(ApiTests.Name)]
public class ScaleOutTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Three_instances_on_one_task_hub_fire_every_timer_once_and_never_early_with_one_of_them_killed()
    {
        const int size = 60;
        var prefix = TestStorage.NewPrefix();
        var mail = Directory.CreateTempSubdirectory("mail-").FullName;
        var settings = AppProcess.Settings(azurite.Azurite.ConnectionString, prefix, mail);
        settings["Escalation:SupervisorHoldTimeout"] = "00:00:10";
        settings["Escalation:CallbackSla"] = "00:00:16";
        settings["Escalation:BreachWarningAt"] = "0.5";

        var apps = Enumerable.Range(0, 3).Select(i => new AppProcess(new Dictionary<string, string?>(settings) { ["DevHost:TaskHub:WorkerId"] = $"{prefix}-w{i}" })).ToArray();
        try
        {
            await Task.WhenAll(apps.Select(a => a.StartAsync()));
            var clients = apps.Select(a => new HttpClient { BaseAddress = a.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }).ToArray();
            var clock = Stopwatch.StartNew();

            // Intake on one instance, the de-escalation report on the next: nobody picks up, so hold, warning, breach.
            var ids = new string[size];
            await Parallel.ForEachAsync(Enumerable.Range(0, size), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            {
                using var created = await clients[i % 3].PostAsJsonAsync("/api/escalations", new
                {
                    contactId = $"{prefix}-{i}",
                    accountId = $"acct-{prefix}-{i}",
                    agent = new { id = "agent-7", name = "Agent", affiliation = "bpo", vendor = "Acme" },
                    category = "general",
                }, ct);
                created.EnsureSuccessStatusCode();
                ids[i] = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
                using var held = await clients[(i + 1) % 3].PostAsJsonAsync($"/api/escalations/{ids[i]}/deescalation", new { resolved = false }, ct);
                held.EnsureSuccessStatusCode();
            });

            // One instance goes for good while every hold timer is still pending.
            await apps[0].KillAsync();
            var killedAfter = clock.Elapsed;

            var survivor = clients[1];
            var states = new JsonElement[size];
            var pending = Enumerable.Range(0, size).ToHashSet();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(26) + TestStorage.Patience;
            while (pending.Count > 0 && DateTime.UtcNow < deadline)
            {
                foreach (var i in pending.ToArray())
                {
                    states[i] = (await survivor.GetFromJsonAsync<JsonElement>($"/api/escalations/{ids[i]}"))!;
                    if (states[i].GetProperty("status").GetString() == "slaBreached" && states[i].GetProperty("pendingTimers").GetArrayLength() == 0) pending.Remove(i);
                }

                if (pending.Count > 0) await Task.Delay(500);
            }

            output.WriteLine($"{size} escalations over 3 instances, one killed after {killedAfter.TotalSeconds:0.0} s; settled after {clock.Elapsed.TotalSeconds:0.0} s; {pending.Count} not settled");
            Assert.Empty(pending);
            foreach (var state in states)
            {
                var history = state.GetProperty("history").EnumerateArray().ToList();
                var callback = state.GetProperty("callback");
                Assert.Single(history, h => h.GetProperty("action").GetString() == "callbackRequestCreated");
                var breach = Assert.Single(history, h => h.GetProperty("action").GetString() == "slaBreached");
                Assert.True(breach.GetProperty("at").GetDateTimeOffset() >= callback.GetProperty("dueAt").GetDateTimeOffset(), "a breach before its due time");
            }

            // Management told once per breach: one SlaBreached message per escalation.
            var notices = Directory.GetFiles(mail, "*SlaBreached*.eml").Select(f => Path.GetFileName(f).Split('_')[0]).ToList();
            Assert.Equal(ids.Order(StringComparer.Ordinal), notices.Order(StringComparer.Ordinal));
            foreach (var client in clients) client.Dispose();
        }
        finally
        {
            foreach (var app in apps) await app.DisposeAsync();
            Directory.Delete(mail, recursive: true);
        }
    }
}
