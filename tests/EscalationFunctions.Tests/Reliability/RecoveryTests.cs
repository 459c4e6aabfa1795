using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace EscalationFunctions.Tests.Reliability;

/// <summary>
/// Recovery after kill -9: the app killed while its escalations' hold timers are pending, kept down past their due
/// time, then started again with the same worker id. How long after it is back the overdue timers fire is printed
/// (the README quotes it); that they fire, once and never early, is asserted.
/// </summary>
[Collection(ApiTests.Name)]
public class RecoveryTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Overdue_timers_of_a_killed_app_fire_once_it_is_back()
    {
        const int size = 20;
        var prefix = TestStorage.NewPrefix();
        var mail = Directory.CreateTempSubdirectory("mail-").FullName;
        var settings = AppProcess.Settings(azurite.Azurite.ConnectionString, prefix, mail);
        settings["Escalation:SupervisorHoldTimeout"] = "00:00:08";
        await using var app = new AppProcess(settings);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var ids = new List<string>();
        DateTimeOffset lastDue = default;
        for (var i = 0; i < size; i++)
        {
            using var created = await http.PostAsJsonAsync("/api/escalations", new
            {
                contactId = $"{prefix}-{i}",
                accountId = $"acct-{prefix}-{i}",
                agent = new { id = "agent-7", name = "Agent", affiliation = "inHouse" },
                category = "general",
            });
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            using var held = await http.PostAsJsonAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
            lastDue = (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pendingTimers")[0].GetProperty("dueAt").GetDateTimeOffset();
            ids.Add(id);
        }

        // Killed with every hold pending (their durable timers armed), and down until all are overdue.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await app.KillAsync();
        while (DateTimeOffset.UtcNow < lastDue + TimeSpan.FromSeconds(2)) await Task.Delay(200);
        await app.StartAsync();
        var back = Stopwatch.StartNew();

        var fired = new Dictionary<string, TimeSpan>();
        var deadline = DateTime.UtcNow + TestStorage.Patience;
        while (fired.Count < size && DateTime.UtcNow < deadline)
        {
            foreach (var id in ids.Where(id => !fired.ContainsKey(id)))
            {
                var state = (await http.GetFromJsonAsync<JsonElement>($"/api/escalations/{id}"))!;
                if (state.GetProperty("status").GetString() == "callbackPending") fired[id] = back.Elapsed;
            }

            await Task.Delay(250);
        }

        var times = fired.Values.Order().ToList();
        output.WriteLine($"{fired.Count} of {size} overdue hold timers fired after the restart: first {times.FirstOrDefault().TotalSeconds:0.0} s, last {times.LastOrDefault().TotalSeconds:0.0} s after the app was back (polled every 0.25 s)");
        Assert.Equal(size, fired.Count);
        foreach (var id in ids)
        {
            var state = (await http.GetFromJsonAsync<JsonElement>($"/api/escalations/{id}"))!;
            Assert.Single(state.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "callbackRequestCreated");
        }

        Directory.Delete(mail, recursive: true);
    }
}
