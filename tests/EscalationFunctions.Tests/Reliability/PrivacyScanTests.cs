using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Xunit.Abstractions;

namespace EscalationFunctions.Tests.Reliability;

/// <summary>
/// Medical and other disclosures carry sentinel strings in every free-text field, through every route a caller
/// has: intake, the actions that follow, a repeat call on an account with an open callback, a request refused
/// for a bad field. Afterwards every table (the task hub's history and instances included), every queue message,
/// every email and every log line is scanned.
/// </summary>
[Collection(ApiTests.Name)]
public class PrivacyScanTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly string Sentinel = "MEDSENTINEL" + Guid.NewGuid().ToString("N")[..8];

    private static string Text(string field) => $"{Sentinel}-{field} chest pain, takes insulin";

    [Fact]
    public async Task Free_text_sent_with_a_disclosure_appears_in_no_table_queue_email_or_log()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = TestApp.Start(azurite.Azurite, logs: logs, settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Runtime:RunPumps"] = "false",
            ["Runtime:DispatchGrace"] = "00:00:01",
            ["Escalation:CallbackSla"] = "00:00:02",
            // The task hub's tables and queues are storage too: on the Azure Storage engine, under the app's prefix.
            ["DevHost:TaskHub:Engine"] = "AzureStorage",
        });
        var account = "acct-" + Guid.NewGuid().ToString("N")[..8];
        var responses = new List<string>();
        async Task<HttpResponseMessage> Post(string path, object? body)
        {
            var response = await app.PostAsync(path, body);
            responses.Add(await response.Content.ReadAsStringAsync());
            return response;
        }

        // An open callback on the account, so a later disclosure could be (and must not be) joined to it.
        var open = await EscalationsApiTests.StartAsync(app, account);
        await Post($"/api/escalations/{open}/deescalation", new { resolved = false });
        await Post($"/api/escalations/{open}/no-supervisor-available", null);

        var disclosed = new List<string>();
        foreach (var disclosure in new[] { "medicalEmergency", "highRisk", "riskToPersons", "mediaPolicy", "attorneyCall" })
        {
            var created = await Post("/api/escalations", new
            {
                contactId = "contact-" + Guid.NewGuid().ToString("N"),
                accountId = account,
                agent = new { id = "agent-1", name = "Sam Agent", affiliation = "bpo", vendor = "Acme" },
                category = "general",
                disclosure,
                serviceRequestInProgress = true,
                threats = new[] { "lawyer", "socialMedia" },
                callbackPhone = "+1 555 0100",
                notes = Text("intake notes"),
            });
            Assert.True(created.IsSuccessStatusCode, $"{disclosure}: {(int)created.StatusCode}");
            var id = (await TestApp.ReadAsync(created)).GetProperty("id").GetString()!;
            disclosed.Add(id);

            // Everything a caller might send afterwards, each with free text.
            await Post($"/api/escalations/{id}/deescalation", new { resolved = false, notes = Text("de-escalation notes") });
            await Post($"/api/escalations/{id}/no-supervisor-available", new { notes = Text("no supervisor notes") });
            await Post($"/api/escalations/{id}/callback/complete", new { supervisorId = "sup-1", resolved = false, notes = Text("completion notes") });
            await Post($"/api/escalations/{id}/management-assistance", new { supervisorId = "sup-1", reason = Text("assistance reason") });
            await Post($"/api/escalations/{id}/resolve", new { by = "sup-1", resolution = Text("resolution") });
        }

        // Refused for another field: the free text must not come back in the problem, or be logged.
        var refused = await Post("/api/escalations", new
        {
            contactId = "contact-" + Guid.NewGuid().ToString("N"),
            accountId = "bad/account",
            agent = new { id = "agent-1", name = "Sam Agent", affiliation = "inHouse" },
            category = "general",
            disclosure = "medicalEmergency",
            notes = Text("refused intake notes"),
        });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        await Post($"/api/escalations/{open}/deescalation", new { resolved = "maybe", notes = Text("malformed notes") });

        // Every effect performed, and the open callback's orchestration has fired its timers: the task hub's history
        // then holds every kind of input and output the orchestration has.
        await TestApp.Eventually(async () => (await app.GetEscalationAsync(open)).GetProperty("status").GetString() == "slaBreached", TimeSpan.Zero, "the breach, fired by the orchestration");
        await app.Dispatched();
        var places = new Dictionary<string, List<string>>();
        var storage = new TableServiceClient(azurite.Azurite.ConnectionString);
        await foreach (var table in storage.QueryAsync(t => t.Name.CompareTo(app.Prefix) >= 0 && t.Name.CompareTo(app.Prefix + "~") < 0))
        {
            var texts = places[$"table {table.Name}"] = [];
            await foreach (var row in storage.GetTableClient(table.Name).QueryAsync<TableEntity>())
                texts.Add(string.Join("|", row.Select(kv => $"{kv.Key}={kv.Value}")));
        }

        var queues = new QueueServiceClient(azurite.Azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await foreach (var queue in queues.GetQueuesAsync(prefix: app.Prefix))
        {
            var texts = places[$"queue {queue.Name}"] = [];
            foreach (var message in (await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value)
                texts.Add(message.Body.ToString());
        }

        places["emails"] = app.MailFiles().Select(f => File.ReadAllText(f, Encoding.UTF8)).ToList();
        places["logs"] = logs.Lines.ToList();
        places["HTTP answers"] = responses;

        foreach (var (where, texts) in places) output.WriteLine($"{where}: {texts.Count} items scanned");
        Assert.True(places.Count(p => p.Key.StartsWith("table", StringComparison.Ordinal) && p.Value.Count > 0) >= 3, "the scan found the tables");
        Assert.Contains(places["logs"], l => l.Contains(disclosed[0], StringComparison.Ordinal));
        Assert.Contains(places, p => p.Key.EndsWith("hubHistory", StringComparison.Ordinal) && p.Value.Count > 0);
        Assert.Contains(places, p => p.Key.EndsWith("hubInstances", StringComparison.Ordinal) && p.Value.Count > 0);
        Assert.Contains(places, p => p.Key.Contains("hub-control-", StringComparison.Ordinal));
        Assert.Contains(places["emails"], e => e.Contains("Threat", StringComparison.Ordinal) || e.Contains("Callback", StringComparison.Ordinal));
        foreach (var (where, texts) in places)
        {
            var leaks = texts.Where(t => t.Contains(Sentinel, StringComparison.Ordinal) || t.Contains("insulin", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(leaks.Count == 0, $"{where} holds the sentinel: {string.Join(Environment.NewLine, leaks.Take(3))}");
        }

        foreach (var id in disclosed)
        {
            var state = await app.GetEscalationAsync(id);
            Assert.False(state.GetProperty("open").GetBoolean());
            Assert.NotEqual(open, id);
        }
    }
}
