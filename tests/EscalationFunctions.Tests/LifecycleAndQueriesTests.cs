using System.Net;
using System.Text.Json;

namespace EscalationFunctions.Tests;

[Collection(ApiTests.Name)]
public class LifecycleAndQueriesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_bpo_escalation_nobody_picks_up_ends_with_the_management_team_emailed()
    {
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?>
        {
            ["Escalation:SupervisorHoldTimeout"] = "00:00:01",
            ["Escalation:CallbackSla"] = "00:00:04",
            ["Escalation:BreachWarningAt"] = "0.5",
        });
        var id = await EscalationsApiTests.StartAsync(app);

        var held = await TestApp.ReadAsync(await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false }));
        await TestApp.Eventually(async () => (await app.GetEscalationAsync(id)).GetProperty("status").GetString() == "slaBreached",
            TimeSpan.FromSeconds(30), "the breach");

        Assert.Equal("holdForSupervisor", held.GetProperty("nextStep").GetProperty("action").GetString());
        var escalation = await app.GetEscalationAsync(id);
        Assert.Equal(
            ["supervisorRequested", "deEscalationFailed", "callbackRequestCreated", "notified", "breachWarningSent", "notified", "slaBreached", "notified"],
            escalation.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        await app.Dispatched();
        var mail = app.MailFiles();
        Assert.Equal(3, mail.Length);
        Assert.Contains("acme-sups@example.com", File.ReadAllText(Assert.Single(mail, f => f.Contains("CallbackRequest", StringComparison.Ordinal))), StringComparison.Ordinal);
        Assert.Contains("management@example.com", File.ReadAllText(Assert.Single(mail, f => f.Contains("SlaBreached", StringComparison.Ordinal))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_queues_list_open_escalations_by_filter_and_page()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = await EscalationsApiTests.StartAsync(app);
            await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
            await app.PostAsync($"/api/escalations/{id}/no-supervisor-available", null);
            ids.Add(id);
        }

        await app.PostAsync($"/api/escalations/{ids[0]}/callback/claim", new { supervisorId = "sup-7" });
        await app.PostAsync($"/api/escalations/{ids[2]}/resolve", new { by = "mgr-1", resolution = "Handled on a call" });
        await app.Dispatched(); // the lists are read models, written right after each commit

        var first = await TestApp.ReadAsync(await app.Client.GetAsync("/api/escalations?status=callbackPending&vendor=Acme&pageSize=1"));
        Assert.True(first.TryGetProperty("next", out var next), first.GetRawText());
        var second = await TestApp.ReadAsync(await app.Client.GetAsync($"/api/escalations?status=callbackPending&vendor=Acme&pageSize=1&next={next.GetString()}"));
        var mine = await TestApp.ReadAsync(await app.Client.GetAsync("/api/escalations?supervisorId=sup-7"));
        var otherQuery = await app.Client.GetAsync($"/api/escalations?status=callbackPending&pageSize=1&next={next.GetString()}");
        var due = await TestApp.ReadAsync(await app.Client.GetAsync($"/api/escalations?dueBefore={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(3).ToString("O"))}"));

        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("escalationId").GetString()).Order();
        Assert.Equal(ids.Take(2).Order(), listed);
        Assert.Equal([ids[0]], mine.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("escalationId").GetString()));
        Assert.Equal(2, due.GetProperty("items").GetArrayLength());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, otherQuery.StatusCode);
        Assert.True((await TestApp.ReadAsync(otherQuery)).GetProperty("errors").TryGetProperty("next", out _));
    }

    [Theory]
    [InlineData("/api/escalations?status=resolved", "status")]
    [InlineData("/api/escalations?status=7", "status")]
    [InlineData("/api/escalations?dueBefore=tomorrow", "dueBefore")]
    [InlineData("/api/escalations?dueBefore=1/2/2026", "dueBefore")]
    [InlineData("/api/escalations?status=deEscalating,awaitingSupervisor", "status")]
    [InlineData("/api/escalations?unreachable=yes", "unreachable")]
    [InlineData("/api/escalations?pageSize=0", "pageSize")]
    [InlineData("/api/escalations?pageSize=100000", "pageSize")]
    [InlineData("/api/escalations?next=%%%", "next")]
    [InlineData("/api/accounts/acct-1/history?pageSize=-5", "pageSize")]
    public async Task Bad_query_parameters_get_400_naming_the_parameter(string url, string field)
    {
        await using var app = TestApp.Start(azurite.Azurite);

        var response = await app.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await TestApp.ReadAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_account_history_lists_every_contact_newest_first()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var account = "acct-" + Guid.NewGuid().ToString("N")[..8];
        var first = await EscalationsApiTests.StartAsync(app, account);
        await app.PostAsync($"/api/escalations/{first}/deescalation", new { resolved = true, notes = "explained the fee" });
        var second = await EscalationsApiTests.StartAsync(app, account);
        await app.Dispatched(); // the account's copy of the log is written right after each commit

        var page = await TestApp.ReadAsync(await app.Client.GetAsync($"/api/accounts/{account}/history"));

        var entries = page.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("escalationId").GetString(), e.GetProperty("action").GetString())).ToList();
        Assert.Equal([(second, "supervisorRequested"), (first, "deEscalated"), (first, "supervisorRequested")], entries);
        Assert.Equal(JsonValueKind.Null, page.TryGetProperty("next", out var next) ? next.ValueKind : JsonValueKind.Null);
    }
}
