using System.Net;
using System.Text.Json;

namespace EscalationFunctions.Tests;

[Collection(ApiTests.Name)]
public class EscalationsApiTests(AzuriteFixture azurite)
{
    private static string Contact() => "contact-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Starting_an_escalation_returns_201_with_its_id_status_next_step_and_location()
    {
        await using var app = TestApp.Start(azurite.Azurite);

        var response = await app.PostAsync("/api/escalations", TestApp.Intake(Contact(), threats: ["lawyer"]));
        var body = await TestApp.ReadAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal($"/api/escalations/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("deEscalating", body.GetProperty("status").GetString());
        Assert.Equal("attemptDeEscalation", body.GetProperty("nextStep").GetProperty("action").GetString());
        Assert.Equal(["lawyer"], body.GetProperty("threats").EnumerateArray().Select(t => t.GetString()));
        Assert.False(body.GetProperty("agent").TryGetProperty("isBpo", out _));
    }

    [Fact]
    public async Task The_platform_retrying_an_intake_gets_the_same_escalation_with_200_never_a_second()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var contact = Contact();

        var first = await app.PostAsync("/api/escalations", TestApp.Intake(contact));
        var retries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => app.PostAsync("/api/escalations", TestApp.Intake(contact))));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await TestApp.ReadAsync(first)).GetProperty("id").GetString();
        foreach (var retry in retries)
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Equal(id, (await TestApp.ReadAsync(retry)).GetProperty("id").GetString());
        }

        var history = (await app.GetEscalationAsync(id!)).GetProperty("history");
        Assert.Equal(1, history.EnumerateArray().Count(h => h.GetProperty("action").GetString() == "supervisorRequested"));
    }

    [Fact]
    public async Task An_idempotency_key_makes_a_retried_action_apply_once()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var id = await StartAsync(app);
        await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
        await app.PostAsync($"/api/escalations/{id}/no-supervisor-available", null);

        HttpResponseMessage Complete()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/escalations/{id}/callback/complete")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { supervisorId = "sup-1", resolved = false, notes = "needs a manager" }),
            };
            request.Headers.Add("Idempotency-Key", "cxone-action-42");
            return app.Client.Send(request);
        }

        var first = Complete();
        var retry = Complete();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var escalation = await app.GetEscalationAsync(id);
        Assert.Equal("managementEngaged", escalation.GetProperty("status").GetString());
        Assert.Equal(1, escalation.GetProperty("history").EnumerateArray().Count(h => h.GetProperty("action").GetString() == "managementAssistanceRequested"));
    }

    [Fact]
    public async Task Two_racing_pickups_one_gets_200_and_the_other_409_naming_the_state()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var id = await StartAsync(app);
        await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });

        var responses = await Task.WhenAll(
            app.PostAsync($"/api/escalations/{id}/pickup", new { supervisorId = "sup-1" }),
            app.PostAsync($"/api/escalations/{id}/pickup", new { supervisorId = "sup-2" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var conflict = await TestApp.ReadAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal("application/problem+json", responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.Headers.ContentType!.MediaType);
        Assert.Equal("supervisorHandling", conflict.GetProperty("state").GetString());
        Assert.Contains("held by supervisor", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_ids_that_are_not_ids_are_400()
    {
        await using var app = TestApp.Start(azurite.Azurite);

        var unknown = await app.Client.GetAsync("/api/escalations/esc-000000000000000000000000");
        var notAnId = await app.Client.GetAsync("/api/escalations/..%2F..%2Fetc%2Fpasswd");
        var tooLong = await app.PostAsync($"/api/escalations/{new string('a', 65)}/pickup", new { supervisorId = "s" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("urn:escalation-functions:problem:not-found", (await TestApp.ReadAsync(unknown)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notAnId.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    public static TheoryData<string, string, string> BadIntakes => new()
    {
        { "{", "body", "malformed JSON" },
        { "[]", "body", "not an object" },
        { """{"accountId":"a","agent":{"id":"x","name":"n","affiliation":"inHouse"},"category":"general"}""", "contactId", "missing field" },
        { """{"contactId":"c","accountId":"a","agent":{"id":"x","name":"n","affiliation":"martian"},"category":"general"}""", "agent.affiliation", "unknown enum" },
        { """{"contactId":"c","accountId":"a","agent":{"id":"x","name":"n","affiliation":"inHouse"},"category":"general","disclosure":"flu"}""", "disclosure", "unknown disclosure" },
        { """{"contactId":"c","accountId":"a","agent":{"id":"x","name":"n","affiliation":"inHouse"},"category":1}""", "category", "number for an enum" },
        { """{"contactId":42,"accountId":"a","agent":{"id":"x","name":"n","affiliation":"inHouse"},"category":"general"}""", "contactId", "wrong type" },
        { """{"contactId":"c","accountId":"a","agent":{"id":"x","name":"n","affiliation":"bpo"},"category":"general"}""", "agent.vendor", "bpo without vendor" },
        { """{"contactId":"c","accountId":"a","agent":{"id":"x","name":"n","affiliation":"inHouse","vendor":"Acme"},"category":"general"}""", "agent.vendor", "in-house with vendor" },
        { """{"contactId":"c\u0007","accountId":"a","agent":{"id":"x","name":"n","affiliation":"inHouse"},"category":"general"}""", "contactId", "control character" },
        { """{"contactId":"c","accountId":"a","agent":{"id":"x","name":"n","affiliation":"inHouse"},"category":"general","callbackPhone":"call me"}""", "callbackPhone", "not a phone" },
        { """{"contactId":"c","accountId":"a","agent":{"id":"x","name":"n","affiliation":"inHouse"},"category":"general","surprise":true}""", "surprise", "unknown member" },
        { """{"contactId":null,"accountId":"a","agent":{"id":"x","name":"n","affiliation":"inHouse"},"category":"general"}""", "contactId", "null for a required string" },
    };

    [Theory]
    [MemberData(nameof(BadIntakes))]
    public async Task Bad_intakes_get_400_problem_details_naming_the_field_and_write_nothing(string json, string field, string why)
    {
        await using var app = TestApp.Start(azurite.Azurite);
        await app.Dispatched();
        var before = await app.CountRowsAsync();

        var response = await app.Client.PostAsync("/api/escalations", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var problem = await TestApp.ReadAsync(response);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: errors name {problem.GetProperty("errors")}");
        await app.Dispatched();
        Assert.Equal(before, await app.CountRowsAsync());
    }

    [Fact]
    public async Task Oversized_and_non_json_bodies_are_refused_and_write_nothing()
    {
        await using var app = TestApp.Start(azurite.Azurite);

        var huge = await app.Client.PostAsync("/api/escalations", new StringContent($$"""{"notes":"{{new string('x', 100_000)}}"}""", System.Text.Encoding.UTF8, "application/json"));
        var form = await app.Client.PostAsync("/api/escalations", new StringContent("contactId=c", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        var deep = await app.Client.PostAsync("/api/escalations", new StringContent(new string('[', 200) + new string(']', 200), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, deep.StatusCode);
        Assert.Equal(0, await app.CountRowsAsync());
    }

    [Fact]
    public async Task An_illegal_move_is_409_naming_the_state_and_changes_nothing()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var id = await StartAsync(app);
        var before = await app.GetEscalationAsync(id);

        var response = await app.PostAsync($"/api/escalations/{id}/callback/complete", new { supervisorId = "sup-1", resolved = true });
        var problem = await TestApp.ReadAsync(response);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("deEscalating", problem.GetProperty("state").GetString());
        Assert.Equal(before.GetProperty("version").GetInt32(), (await app.GetEscalationAsync(id)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_medical_disclosure_is_transferred_and_none_of_its_free_text_is_stored()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        const string sentinel = "SENTINEL-condition-details-7731";

        var response = await app.PostAsync("/api/escalations", TestApp.Intake(Contact(), disclosure: "medicalEmergency", notes: sentinel));
        var body = await TestApp.ReadAsync(response);
        var id = body.GetProperty("id").GetString()!;
        var stored = await app.GetEscalationAsync(id);

        Assert.Equal("medicalTransferred", body.GetProperty("status").GetString());
        Assert.Contains("x69187", body.GetProperty("nextStep").GetProperty("instruction").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(sentinel, stored.GetRawText(), StringComparison.Ordinal);
        await foreach (var row in app.Storage.Escalations.QueryAsync<Azure.Data.Tables.TableEntity>())
            Assert.DoesNotContain(sentinel, JsonSerializer.Serialize(row), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeat_call_about_an_open_callback_joins_it_and_tells_its_owner()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var account = "acct-" + Guid.NewGuid().ToString("N")[..8];
        var id = await StartAsync(app, account);
        await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
        await app.PostAsync($"/api/escalations/{id}/no-supervisor-available", null);
        await app.PostAsync($"/api/escalations/{id}/callback/claim", new { supervisorId = "sup-1" });
        var due = (await app.GetEscalationAsync(id)).GetProperty("callback").GetProperty("dueAt").GetDateTimeOffset();
        await app.Dispatched(); // the callback is listed under its account right after the commit, off the request path

        var again = await app.PostAsync("/api/escalations", TestApp.Intake(Contact(), account));
        var body = await TestApp.ReadAsync(again);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.True(body.GetProperty("linkedToExisting").GetBoolean());
        Assert.Equal(due, body.GetProperty("callback").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Contains("already scheduled", body.GetProperty("nextStep").GetProperty("callerScript").GetString(), StringComparison.Ordinal);
        var actions = (await app.GetEscalationAsync(id)).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()).ToList();
        Assert.Contains("customerCalledAgain", actions);
        await app.Dispatched();
        Assert.Contains(app.MailFiles(), f => f.Contains("CustomerCalledAgain", StringComparison.Ordinal) && File.ReadAllText(f).Contains("pat@example.com", StringComparison.Ordinal));
        // The work queue counts the repeat call (the console's callback queue shows it).
        var listed = (await TestApp.ReadAsync(await app.Client.GetAsync($"/api/escalations?accountId={account}"))).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(1, listed.GetProperty("repeatCalls").GetInt32());
    }

    [Fact]
    public async Task Repeat_call_linking_can_be_turned_off()
    {
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?> { ["Api:LinkRepeatCalls"] = "false" });
        var account = "acct-" + Guid.NewGuid().ToString("N")[..8];
        var id = await StartAsync(app, account);
        await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
        await app.PostAsync($"/api/escalations/{id}/no-supervisor-available", null);

        var again = await app.PostAsync("/api/escalations", TestApp.Intake(Contact(), account));

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.NotEqual(id, (await TestApp.ReadAsync(again)).GetProperty("id").GetString());
    }

    /// <summary>Starts an escalation; each gets its own account unless told, so repeat-call linking stays out of the way.</summary>
    internal static async Task<string> StartAsync(TestApp app, string? account = null)
    {
        var response = await app.PostAsync("/api/escalations", TestApp.Intake(Contact(), account ?? "acct-" + Guid.NewGuid().ToString("N")[..8]));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await TestApp.ReadAsync(response)).GetProperty("id").GetString()!;
    }
}
