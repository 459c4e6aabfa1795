using System.Globalization;
using System.Net;
using System.Text.Json;

namespace EscalationFunctions.Tests;

/// <summary>The agent asking a supervisor for guidance, and callback attempts that do not reach the customer.</summary>
[Collection(ApiTests.Name)]
public class CallbackAttemptsAndGuidanceTests(AzuriteFixture azurite)
{
    private static async Task<string> OpenCallbackAsync(TestApp app)
    {
        var id = await EscalationsApiTests.StartAsync(app);
        await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
        await app.PostAsync($"/api/escalations/{id}/no-supervisor-available", null);
        return id;
    }

    private static IEnumerable<string?> Actions(JsonElement escalation) =>
        escalation.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString());

    [Fact]
    public async Task Guidance_is_recorded_with_who_was_asked_and_how_and_the_agent_keeps_the_call()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var id = await EscalationsApiTests.StartAsync(app);

        var response = await app.PostAsync($"/api/escalations/{id}/guidance", new { supervisorId = "sup-2", supervisorName = "Lee Super", channel = "chat" });
        var escalation = await TestApp.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("deEscalating", escalation.GetProperty("status").GetString());
        var entry = (await app.GetEscalationAsync(id)).GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("supervisorGuidanceRequested", "chat"), (entry.GetProperty("action").GetString(), entry.GetProperty("channel").GetString()));
        Assert.Contains("Lee Super", entry.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"supervisorId":"sup-2","channel":"emailLink"}""", "channel")]
    [InlineData("""{"channel":"chat"}""", "supervisorId")]
    [InlineData("""{"supervisorId":"sup 2"}""", "supervisorId")]
    public async Task A_bad_guidance_request_gets_400_naming_the_field(string body, string field)
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var id = await EscalationsApiTests.StartAsync(app);

        var response = await app.Client.PostAsync($"/api/escalations/{id}/guidance", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await TestApp.ReadAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
        Assert.DoesNotContain("supervisorGuidanceRequested", Actions(await app.GetEscalationAsync(id)));
    }

    [Fact]
    public async Task Three_unanswered_attempts_flag_the_callback_unreachable_in_the_work_queue_and_the_due_time_stands()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var id = await OpenCallbackAsync(app);
        var due = (await app.GetEscalationAsync(id)).GetProperty("callback").GetProperty("dueAt").GetDateTimeOffset();

        var answers = new List<HttpResponseMessage>();
        var calledAt = DateTimeOffset.UtcNow.AddMinutes(-30);
        foreach (var outcome in new[] { "noAnswer", "voicemailLeft", "noAnswer" })
        {
            calledAt = calledAt.AddMinutes(5);
            answers.Add(await app.PostAsync($"/api/escalations/{id}/callback/attempts", new { supervisorId = "sup-1", outcome, attemptedAt = calledAt }));
        }

        await app.Dispatched(); // the work queue is a read model, written right after each commit

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var callback = (await app.GetEscalationAsync(id)).GetProperty("callback");
        Assert.Equal((3, true, due), (callback.GetProperty("attempts").GetInt32(), callback.GetProperty("unreachable").GetBoolean(), callback.GetProperty("dueAt").GetDateTimeOffset()));
        Assert.Equal(("sup-1", "noAnswer"), (callback.GetProperty("owner").GetProperty("id").GetString(), callback.GetProperty("lastAttempt").GetProperty("outcome").GetString()));
        var unreachable = await TestApp.ReadAsync(await app.Client.GetAsync("/api/escalations?unreachable=true"));
        var item = Assert.Single(unreachable.GetProperty("items").EnumerateArray(), e => e.GetProperty("escalationId").GetString() == id);
        Assert.Equal((3, "noAnswer", "callbackPending"), (item.GetProperty("callbackAttempts").GetInt32(), item.GetProperty("lastAttemptOutcome").GetString(), item.GetProperty("status").GetString()));
        var reachable = await TestApp.ReadAsync(await app.Client.GetAsync("/api/escalations?unreachable=false"));
        Assert.DoesNotContain(reachable.GetProperty("items").EnumerateArray(), e => e.GetProperty("escalationId").GetString() == id);
    }

    [Fact]
    public async Task A_retried_attempt_counts_once_and_another_supervisors_attempt_gets_409()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var id = await OpenCallbackAsync(app);
        var attempt = new { supervisorId = "sup-1", outcome = "noAnswer", attemptedAt = DateTimeOffset.UtcNow };

        await app.PostAsync($"/api/escalations/{id}/callback/attempts", attempt);
        var retry = await app.PostAsync($"/api/escalations/{id}/callback/attempts", attempt);
        var other = await app.PostAsync($"/api/escalations/{id}/callback/attempts", new { supervisorId = "sup-2", outcome = "noAnswer", attemptedAt = DateTimeOffset.UtcNow });

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(1, (await TestApp.ReadAsync(retry)).GetProperty("callback").GetProperty("attempts").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("callbackPending", (await TestApp.ReadAsync(other)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_wrong_number_emails_the_vendors_supervisors_to_correct_it()
    {
        await using var smtp = new SmtpTestServer();
        await using var app = TestApp.Start(azurite.Azurite, smtp.Settings());
        var id = await OpenCallbackAsync(app);
        await app.Dispatched();
        var before = smtp.Received.Count;

        var response = await app.PostAsync($"/api/escalations/{id}/callback/attempts", new { supervisorId = "sup-1", outcome = "wrongNumber", attemptedAt = DateTimeOffset.UtcNow });
        await app.Dispatched();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mail = Assert.Single(smtp.Received.Skip(before));
        Assert.Equal(["acme-sups@example.com"], mail.To);
        Assert.Contains("Callback number needs correcting", mail.Data, StringComparison.Ordinal);
        Assert.Contains("wrong number", mail.Data, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"supervisorId":"sup-1","outcome":"reached","attemptedAt":"2026-11-24T10:00:00Z"}""", "outcome")]
    [InlineData("""{"supervisorId":"sup-1","outcome":2,"attemptedAt":"2026-11-24T10:00:00Z"}""", "outcome")]
    [InlineData("""{"supervisorId":"sup-1","attemptedAt":"2026-11-24T10:00:00Z"}""", "outcome")]
    [InlineData("""{"supervisorId":"sup-1","outcome":"noAnswer"}""", "attemptedAt")]
    [InlineData("""{"supervisorId":"sup-1","outcome":"noAnswer","attemptedAt":"yesterday"}""", "attemptedAt")]
    public async Task A_bad_attempt_gets_400_and_counts_nothing(string body, string field)
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var id = await OpenCallbackAsync(app);

        var response = await app.Client.PostAsync($"/api/escalations/{id}/callback/attempts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await TestApp.ReadAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, (await app.GetEscalationAsync(id)).GetProperty("callback").GetProperty("attempts").GetInt32());
    }
}
