using System.Net;
using System.Text.Json;
using Escalations.Domain;
using Escalations.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EscalationFunctions.Tests;

/// <summary>
/// The SLA compliance report over a seeded week: escalations with known outcomes for two vendors and in-house agents,
/// some started just outside the week on either side. Time is a fake clock, so the week passes in a moment.
/// </summary>
[Collection(ApiTests.Name)]
public class ComplianceReportTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Sunday = new(2026, 11, 15, 23, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Last_weeks_compliance_per_vendor_counts_each_escalation_once_in_json_and_csv()
    {
        var clock = new FakeTimeProvider(Sunday);
        await using var app = TestApp.Start(azurite.Azurite, time: clock);
        async Task<string> Start(string vendor, string affiliation = "bpo", string[]? threats = null)
        {
            var created = await app.PostAsync("/api/escalations", TestApp.Intake("c-" + Guid.NewGuid().ToString("N"), "acct-" + Guid.NewGuid().ToString("N")[..8], affiliation, vendor, threats: threats));
            return (await TestApp.ReadAsync(created)).GetProperty("id").GetString()!;
        }

        async Task<string> Callback(string vendor)
        {
            var id = await Start(vendor);
            await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
            Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/api/escalations/{id}/no-supervisor-available", null)).StatusCode);
            return id;
        }

        Task Complete(string id) => app.PostAsync($"/api/escalations/{id}/callback/complete", new { supervisorId = "sup-1", resolved = true });

        await Callback("Acme");                                  // Sunday 23:30: the week before
        clock.SetUtcNow(Sunday.AddHours(9.5));                   // Monday 09:00
        var onTime = await Callback("Acme");
        clock.Advance(TimeSpan.FromHours(1));
        var late = await Callback("Acme");                       // Monday 10:00
        clock.Advance(TimeSpan.FromHours(1));
        await Complete(onTime);                                  // after 2 hours: within the SLA
        clock.SetUtcNow(Sunday.AddDays(1.5));                    // Tuesday 11:30
        var open = await Callback("Globex");
        await app.PostAsync($"/api/escalations/{open}/callback/claim", new { supervisorId = "sup-9" });
        clock.Advance(TimeSpan.FromDays(1));                     // Wednesday: in-house, a threat, management
        var inHouse = await Start("", "inHouse", ["bbb"]);
        await app.PostAsync($"/api/escalations/{inHouse}/deescalation", new { resolved = false });
        await app.PostAsync($"/api/escalations/{inHouse}/pickup", new { supervisorId = "sup-1" });
        await app.PostAsync($"/api/escalations/{inHouse}/management-assistance", new { supervisorId = "sup-1", reason = "Needs a refund decision" });
        clock.SetUtcNow(Sunday.AddHours(10.5 + 50));             // Wednesday 12:00: 50 hours after it opened
        await Complete(late);
        clock.SetUtcNow(Sunday.AddDays(7));                      // Sunday 23:30: the week's last half hour
        await Callback("Globex");
        clock.SetUtcNow(Sunday.AddDays(7).AddHours(1));          // Monday 00:30: the next week
        await Callback("Acme");
        clock.SetUtcNow(Sunday.AddDays(7).AddHours(1.5));
        await app.Dispatched();

        var json = await TestApp.ReadAsync(await app.Client.GetAsync("/api/reports/sla-compliance?groupBy=vendor"));
        var csvResponse = await app.Client.GetAsync("/api/reports/sla-compliance?from=2026-11-16&to=2026-11-22&format=csv");
        var csv = await csvResponse.Content.ReadAsStringAsync();

        // The default period is last week, Monday to Sunday, in the display time zone.
        Assert.Equal("2026-11-16", json.GetProperty("from").GetString());
        Assert.Equal("2026-11-22", json.GetProperty("to").GetString());
        Assert.Equal("vendor", json.GetProperty("groupBy").GetString());
        const string expected =
            "vendor,escalations,callbacksOpened,completedWithinSla,compliancePercent,breached,stillOpen,medianMinutesToCallback,p90MinutesToCallback,managementEngagements,threatsFlagged\r\n"
            + "(in-house),1,0,0,,0,0,,,1,1\r\n"
            + "Acme,2,2,1,50.0,1,0,120.0,3000.0,0,0\r\n"
            + "Globex,2,2,0,0.0,1,2,,,0,0\r\n"
            + "(all),5,4,1,33.3,2,2,120.0,3000.0,1,1\r\n";
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal(expected, csv);
        Assert.Equal(expected, ReportsApiCsv(json));

        // Redelivered projections, the current one and a late older one (the callback not yet completed), change nothing.
        var projections = app.Services.GetRequiredService<Projections>();
        var stored = (await app.Services.GetRequiredService<EscalationStore>().LoadAsync(onTime))!.State;
        var history = await app.Services.GetRequiredService<EscalationStore>().GetHistoryAsync(onTime);
        await projections.ProjectAsync(new ProjectionWork(stored, history), clock.GetUtcNow());
        var older = stored with { Version = stored.Version - 1, Status = EscalationStatus.CallbackPending, Callback = stored.Callback! with { CompletedAt = null } };
        await projections.ProjectAsync(new ProjectionWork(older, history.Where(h => h.Action == HistoryAction.CallbackRequestCreated).ToList()), clock.GetUtcNow());
        var again = await app.Client.SendAsync(CsvRequest("/api/reports/sla-compliance?from=2026-11-16&to=2026-11-22"));
        Assert.Equal(expected, await again.Content.ReadAsStringAsync());

        // By supervisor: the owner of the callback, else the supervisor who took the call.
        var bySupervisor = await TestApp.ReadAsync(await app.Client.GetAsync("/api/reports/sla-compliance?groupBy=supervisor"));
        Assert.Equal(["(none)", "sup-1", "sup-9"], bySupervisor.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("group").GetString()));
    }

    [Theory]
    [InlineData("from=2026-11-22&to=2026-11-16", "to")]
    [InlineData("from=16/11/2026", "from")]
    [InlineData("groupBy=account", "groupBy")]
    [InlineData("format=xml", "format")]
    [InlineData("from=2025-01-01&to=2026-11-16", "to")]
    [InlineData("from=2026-01-01&to=2027-01-02", "to")]
    [InlineData("to=1969-12-31", "to")]
    [InlineData("from=3000-01-01", "from")]
    [InlineData("from=2026-02-30", "from")]
    public async Task A_bad_period_grouping_or_format_is_a_validation_problem(string query, string field)
    {
        await using var app = TestApp.Start(azurite.Azurite);

        var response = await app.Client.GetAsync($"/api/reports/sla-compliance?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await TestApp.ReadAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    /// <summary>
    /// The period rules the operation's description states (no schema can say them), and exactly those: one end
    /// makes a week from or to it, whatever today is; the longest period is 366 days; an end before the start is refused.
    /// </summary>
    [Theory]
    [InlineData("from=2026-03-10", "2026-03-10", "2026-03-16")]
    [InlineData("to=2026-03-10", "2026-03-04", "2026-03-10")]
    [InlineData("from=2026-03-10&to=2026-03-10", "2026-03-10", "2026-03-10")]
    [InlineData("from=2026-01-01&to=2027-01-01", "2026-01-01", "2027-01-01")]
    [InlineData("from=1970-01-01", "1970-01-01", "1970-01-07")]
    [InlineData("to=2999-12-31", "2999-12-25", "2999-12-31")]
    public async Task The_period_follows_the_rules_the_description_states(string query, string from, string to)
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var document = System.Text.Json.Nodes.JsonNode.Parse(await app.Client.GetStringAsync("/api/openapi/v1.json"))!;

        var report = await TestApp.ReadAsync(await app.Client.GetAsync($"/api/reports/sla-compliance?{query}"));

        Assert.Equal(EscalationFunctions.Apis.ReportsApi.PeriodRules, document["paths"]!["/api/reports/sla-compliance"]!["get"]!["description"]!.GetValue<string>());
        Assert.Equal(from, report.GetProperty("from").GetString());
        Assert.Equal(to, report.GetProperty("to").GetString());
    }

    private static HttpRequestMessage CsvRequest(string uri) => new(HttpMethod.Get, uri) { Headers = { { "Accept", "text/csv" } } };

    /// <summary>The JSON answer in the CSV's shape, so the two can be compared line by line.</summary>
    private static string ReportsApiCsv(JsonElement json)
    {
        static string Cell(JsonElement row, string name) => row.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.Number && name is "compliancePercent" or "medianMinutesToCallback" or "p90MinutesToCallback"
                ? v.GetDouble().ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
                : v.ToString()
            : "";
        string[] columns = ["group", "escalations", "callbacksOpened", "completedWithinSla", "compliancePercent", "breached", "stillOpen",
            "medianMinutesToCallback", "p90MinutesToCallback", "managementEngagements", "threatsFlagged"];
        var lines = json.GetProperty("rows").EnumerateArray().Append(json.GetProperty("total"))
            .Select(row => string.Join(',', columns.Select(c => Cell(row, c))) + "\r\n");
        return "vendor," + string.Join(',', columns.Skip(1)) + "\r\n" + string.Concat(lines);
    }
}
