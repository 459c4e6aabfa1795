using System.Net;
using System.Text;
using EscalationFunctions.Security;

namespace EscalationFunctions.Tests;

[Collection(ApiTests.Name)]
public class SecurityTests(AzuriteFixture azurite)
{
    private const string Key = "test-api-key-0123456789";
    internal const string Secret = "test-signing-secret-0123456789";

    [Fact]
    public async Task With_an_api_key_configured_requests_need_it_but_health_and_docs_stay_open()
    {
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?> { ["Security:ApiKey"] = Key });

        var missing = await app.Client.GetAsync("/api/escalations");
        var wrong = await Send(app, HttpMethod.Get, "/api/escalations", null, ("X-Api-Key", "not-the-key-at-all-000"));
        var right = await Send(app, HttpMethod.Get, "/api/escalations", null, ("X-Api-Key", Key));
        var health = await app.Client.GetAsync("/api/health");
        var document = await app.Client.GetAsync("/api/openapi/v1.json");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("urn:escalation-functions:problem:unauthorized", (await TestApp.ReadAsync(missing)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    [Fact]
    public async Task With_a_signing_secret_posts_must_be_signed_recently_over_their_exact_body()
    {
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?> { ["Security:WebhookSigningSecret"] = Secret });
        var body = System.Text.Json.JsonSerializer.Serialize(TestApp.Intake("contact-" + Guid.NewGuid().ToString("N")));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string Sign(long at, string content) => RequestAuthentication.Sign(Secret, at, "POST", "/api/escalations", null, Encoding.UTF8.GetBytes(content));
        await app.Dispatched();
        var before = await app.CountRowsAsync();

        var unsigned = await Send(app, HttpMethod.Post, "/api/escalations", body);
        var forged = await Send(app, HttpMethod.Post, "/api/escalations", body, ("X-Signature-Timestamp", $"{now}"), ("X-Signature", Sign(now, body + " ")));
        var stale = await Send(app, HttpMethod.Post, "/api/escalations", body, ("X-Signature-Timestamp", $"{now - 600}"), ("X-Signature", Sign(now - 600, body)));
        var tampered = await Send(app, HttpMethod.Post, "/api/escalations", body.Replace("acct-1", "acct-2", StringComparison.Ordinal), ("X-Signature-Timestamp", $"{now}"), ("X-Signature", Sign(now, body)));
        await app.Dispatched();
        var rowsAfterRefusals = await app.CountRowsAsync();
        var signed = await Send(app, HttpMethod.Post, "/api/escalations", body, ("X-Signature-Timestamp", $"{now}"), ("X-Signature", Sign(now, body)));

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Created],
            new[] { unsigned, forged, stale, tampered, signed }.Select(r => r.StatusCode));
        Assert.Contains("minutes", (await TestApp.ReadAsync(stale)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, rowsAfterRefusals);
    }

    [Fact]
    public async Task A_signature_is_bound_to_its_path_and_idempotency_key_so_a_captured_request_cannot_be_replayed_elsewhere()
    {
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?> { ["Security:WebhookSigningSecret"] = Secret });
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        async Task<(string Id, HttpResponseMessage Response)> Start(string contact)
        {
            var intake = System.Text.Json.JsonSerializer.Serialize(TestApp.Intake(contact));
            var response = await Signed(app, "/api/escalations", intake, $"key-{contact}", now);
            return ((await TestApp.ReadAsync(response)).GetProperty("id").GetString()!, response);
        }

        var (first, _) = await Start("contact-" + Guid.NewGuid().ToString("N"));
        var (second, _) = await Start("contact-" + Guid.NewGuid().ToString("N"));
        const string body = """{"resolved":false}""";
        var sign = RequestAuthentication.Sign(Secret, now, "POST", $"/api/escalations/{first}/deescalation", "k-1", Encoding.UTF8.GetBytes(body));
        await app.Dispatched();
        var before = await app.CountRowsAsync();

        var otherEscalation = await Send(app, HttpMethod.Post, $"/api/escalations/{second}/deescalation", body, ("X-Signature-Timestamp", $"{now}"), ("X-Signature", sign), ("Idempotency-Key", "k-1"));
        var otherAction = await Send(app, HttpMethod.Post, $"/api/escalations/{first}/no-supervisor-available", body, ("X-Signature-Timestamp", $"{now}"), ("X-Signature", sign), ("Idempotency-Key", "k-1"));
        var otherKey = await Send(app, HttpMethod.Post, $"/api/escalations/{first}/deescalation", body, ("X-Signature-Timestamp", $"{now}"), ("X-Signature", sign), ("Idempotency-Key", "k-2"));
        var noKey = await Send(app, HttpMethod.Post, $"/api/escalations/{first}/deescalation", body, ("X-Signature-Timestamp", $"{now}"), ("X-Signature", sign));
        await app.Dispatched();
        var rowsAfterRefusals = await app.CountRowsAsync();
        var genuine = await Send(app, HttpMethod.Post, $"/api/escalations/{first}/deescalation", body, ("X-Signature-Timestamp", $"{now}"), ("X-Signature", sign), ("Idempotency-Key", "k-1"));
        var replayed = await Send(app, HttpMethod.Post, $"/api/escalations/{first}/deescalation", body, ("X-Signature-Timestamp", $"{now}"), ("X-Signature", sign), ("Idempotency-Key", "k-1"));

        Assert.All(new[] { otherEscalation, otherAction, otherKey, noKey }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(before, rowsAfterRefusals);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(2, (await TestApp.ReadAsync(replayed)).GetProperty("version").GetInt32());
        Assert.Equal(1, (await app.GetEscalationAsync(second)).GetProperty("version").GetInt32());
    }

    internal static Task<HttpResponseMessage> Signed(TestApp app, string path, string body, string? key, long timestamp)
    {
        var headers = new List<(string, string)>
        {
            ("X-Signature-Timestamp", $"{timestamp}"),
            ("X-Signature", RequestAuthentication.Sign(Secret, timestamp, "POST", path, key, Encoding.UTF8.GetBytes(body))),
        };
        if (key is not null) headers.Add(("Idempotency-Key", key));
        return Send(app, HttpMethod.Post, path, body, [.. headers]);
    }

    internal static Task<HttpResponseMessage> Send(TestApp app, HttpMethod method, string path, string? body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return app.Client.SendAsync(request);
    }
}
