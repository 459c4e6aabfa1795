using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Escalations.Domain;
using Escalations.QuickBase;
using Escalations.Runtime;
using Escalations.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationFunctions.Tests;

/// <summary>The QuickBase connector against a local server that speaks QuickBase's documented insert/update call.</summary>
[Collection(ApiTests.Name)]
public class QuickBaseTests(AzuriteFixture azurite)
{
    private const string Realm = "contoso.quickbase.com", Token = "b7xk9r_test_user_token", Table = "bqx7d2m9p";

    private static readonly QuickBaseFields Fields = new()
    {
        EscalationId = 6, AccountId = 7, Status = 8, DueAt = 9, Owner = 10, Attempts = 11, LastAttempt = 12, Unreachable = 13, Vendor = 14,
    };

    private static QuickBaseTestServer Server() => new(Realm, Token, Table, Fields.Mapped().Select(f => f.Id));

    private static QuickBaseRecords Connector(QuickBaseTestServer server, string token = Token) =>
        new(new QuickBaseOptions { Realm = Realm, TableId = Table, UserToken = token, BaseUrl = server.BaseUrl, Fields = Fields }, new HttpClient());

    private static Escalation Callback(string id, int attempts = 0) => new()
    {
        Id = id, Status = EscalationStatus.CallbackPending, AccountId = "acct-9", Version = 3,
        Agent = new Agent("ag-1", "Sam", AgentAffiliation.Bpo, "Acme"),
        Callback = new CallbackRequest(DateTimeOffset.Parse("2026-11-24T10:00:00Z", CultureInfo.InvariantCulture), DateTimeOffset.Parse("2026-11-26T10:00:00Z", CultureInfo.InvariantCulture))
        { Attempts = attempts },
    };

    private static Dictionary<string, string?> Settings(QuickBaseTestServer server) => new()
    {
        ["QuickBase:Realm"] = Realm,
        ["QuickBase:TableId"] = Table,
        ["QuickBase:UserToken"] = Token,
        ["QuickBase:BaseUrl"] = server.BaseUrl,
        ["QuickBase:DefaultRetryAfter"] = "00:00:01",
        ["QuickBase:Fields:EscalationId"] = "6", ["QuickBase:Fields:AccountId"] = "7", ["QuickBase:Fields:Status"] = "8", ["QuickBase:Fields:DueAt"] = "9",
        ["QuickBase:Fields:Owner"] = "10", ["QuickBase:Fields:Attempts"] = "11", ["QuickBase:Fields:LastAttempt"] = "12", ["QuickBase:Fields:Unreachable"] = "13",
        ["QuickBase:Fields:Vendor"] = "14",
    };

    [Fact]
    public async Task The_same_escalation_synced_twice_is_one_record_created_then_updated_with_the_documented_request()
    {
        await using var server = Server();
        var connector = Connector(server);

        var first = await connector.SyncAsync(Callback("esc-a"), CancellationToken.None);
        var again = await connector.SyncAsync(Callback("esc-a", attempts: 1), CancellationToken.None);

        Assert.Equal(new FollowUpRecord("QuickBase", "1", Created: true), first);
        Assert.Equal(new FollowUpRecord("QuickBase", "1", Created: false), again);
        var record = Assert.Single(server.Records).Value;
        Assert.Equal(("esc-a", "acct-9", "CallbackPending", "2026-11-26T10:00:00Z", 1, "Acme"),
            (record[6]!.GetValue<string>(), record[7]!.GetValue<string>(), record[8]!.GetValue<string>(), record[9]!.GetValue<string>(), record[11]!.GetValue<int>(), record[14]!.GetValue<string>()));
        var body = server.Requests.First().Body!;
        Assert.Equal((Table, 6), (body["to"]!.GetValue<string>(), body["mergeFieldId"]!.GetValue<int>()));
        Assert.Equal([3], body["fieldsToReturn"]!.AsArray().Select(f => f!.GetValue<int>()));
    }

    [Fact]
    public async Task A_429_asks_to_come_back_after_its_retry_after()
    {
        await using var server = Server();
        server.FailNext(429, "Too many requests", retryAfterSeconds: 7);

        var ex = await Assert.ThrowsAsync<RetryAfterException>(() => Connector(server).SyncAsync(Callback("esc-b"), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Empty(server.Records);
    }

    [Fact]
    public async Task A_refused_token_is_permanent_and_says_why()
    {
        await using var server = Server();

        var ex = await Assert.ThrowsAsync<PermanentEffectException>(() => Connector(server, token: "wrong").SyncAsync(Callback("esc-c"), CancellationToken.None));

        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
        Assert.Contains("User token is invalid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_failure_207_is_permanent_and_carries_the_line_errors()
    {
        await using var server = new QuickBaseTestServer(Realm, Token, Table, [6, 7, 8, 9, 10, 11, 12, 13]); // the table has no field 14

        var ex = await Assert.ThrowsAsync<PermanentEffectException>(() => Connector(server).SyncAsync(Callback("esc-d"), CancellationToken.None));

        Assert.Contains("207", ex.Message, StringComparison.Ordinal);
        Assert.Contains("field with ID \"14\"", ex.Message, StringComparison.Ordinal);
        Assert.Empty(server.Records);
    }

    [Fact]
    public async Task A_server_error_is_transient()
    {
        await using var server = Server();
        server.FailNext(503, "Service Unavailable");

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => Connector(server).SyncAsync(Callback("esc-e"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal("1", (await Connector(server).SyncAsync(Callback("esc-e"), CancellationToken.None)).RecordId);
    }

    [Fact]
    public async Task A_lifecycle_creates_the_record_once_and_updates_it_at_each_step_through_a_429_and_the_history_names_it()
    {
        await using var server = Server();
        await using var app = TestApp.Start(azurite.Azurite, Settings(server));
        var id = await EscalationsApiTests.StartAsync(app);
        await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
        await app.Dispatched();
        Assert.Empty(server.Requests); // nothing to mirror before a callback request exists

        server.FailNext(429, "Too many requests", retryAfterSeconds: 2);
        var before = DateTimeOffset.UtcNow;
        await app.PostAsync($"/api/escalations/{id}/no-supervisor-available", null);
        await app.Dispatched();
        var waiting = Assert.Single(await app.Services.GetRequiredService<EscalationStore>().GetOutboxAsync(id), r => r.Kind == OutboxKind.FollowUp);
        Assert.True(waiting.NextAttemptAt >= before.AddSeconds(2), $"The retry at {waiting.NextAttemptAt:O} does not honour Retry-After (2 s after {before:O}).");
        await TestApp.Eventually(async () => server.Records.Count == 1 && (await app.Services.GetRequiredService<EscalationStore>().GetOutboxAsync(id)).Count == 0,
            TimeSpan.FromSeconds(30), "the record created after the 429");

        await app.PostAsync($"/api/escalations/{id}/callback/claim", new { supervisorId = "sup-1", supervisorName = "Pat" });
        await app.PostAsync($"/api/escalations/{id}/callback/attempts", new { supervisorId = "sup-1", outcome = "noAnswer", attemptedAt = DateTimeOffset.UtcNow });
        await app.PostAsync($"/api/escalations/{id}/callback/complete", new { supervisorId = "sup-1", resolved = false, notes = "needs a refund" });
        await app.Dispatched();

        var record = Assert.Single(server.Records).Value;
        Assert.Equal((id, "ManagementEngaged", "Pat (sup-1)", 1), (record[6]!.GetValue<string>(), record[8]!.GetValue<string>(), record[10]!.GetValue<string>(), record[11]!.GetValue<int>()));
        // Opened, claimed, attempted, completed; a call that found the escalation moved on meanwhile sends it again.
        Assert.InRange(server.Requests.Count(r => r.Status == 200), 4, 8);
        var history = (await app.GetEscalationAsync(id)).GetProperty("history").EnumerateArray().ToList();
        var opened = history.Single(h => h.GetProperty("action").GetString() == "callbackRequestCreated").GetProperty("delivery");
        Assert.Equal(("QuickBase", "1"), (opened.GetProperty("to")[0].GetString(), opened.GetProperty("messageId").GetString()));
        Assert.Contains("record 1 created", opened.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("QuickBase:TableId", "", "QuickBase:TableId is required")]
    [InlineData("QuickBase:Fields:EscalationId", "0", "QuickBase:Fields:EscalationId is required")]
    [InlineData("QuickBase:Fields:Owner", "3", "fields 1 to 5 are QuickBase's own")]
    [InlineData("QuickBase:Fields:Owner", "6", "name the same field 6")]
    [InlineData("QuickBase:BaseUrl", "http://api.example.com/v1", "must be an https address")]
    [InlineData("QuickBase:Feilds:Owner", "10", "did you mean QuickBase:Fields?")]
    public void A_misconfigured_connector_stops_start_up_naming_the_setting(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["QuickBase:Realm"] = Realm, ["QuickBase:TableId"] = Table, ["QuickBase:UserToken"] = Token, ["QuickBase:Fields:EscalationId"] = "6", [key] = value,
        };
        var problems = new List<string>();

        new ServiceCollection().AddQuickBase(Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(new Microsoft.Extensions.Configuration.ConfigurationBuilder(), settings).Build(), problems);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }
}
