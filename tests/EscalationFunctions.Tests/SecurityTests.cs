using System.Net;
using System.Text;
using EscalationFunctions.Security;

namespace EscalationFunctions.Tests;

[Collection(ApiTests.Name)]
public class SecurityTests(AzuriteFixture azurite)
{
    private const string Key = "test-api-key-0123456789";
    private const string Secret = "test-signing-secret-0123456789";

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
        string Sign(long at, string content) => RequestAuthentication.Sign(Secret, at, Encoding.UTF8.GetBytes(content));
        var before = await app.CountRowsAsync();

        var unsigned = await Send(app, HttpMethod.Post, "/api/escalations", body);
        var forged = await Send(app, HttpMethod.Post, "/api/escalations", body, ("X-Signature-Timestamp", $"{now}"), ("X-Signature", Sign(now, body + " ")));
        var stale = await Send(app, HttpMethod.Post, "/api/escalations", body, ("X-Signature-Timestamp", $"{now - 600}"), ("X-Signature", Sign(now - 600, body)));
        var tampered = await Send(app, HttpMethod.Post, "/api/escalations", body.Replace("acct-1", "acct-2", StringComparison.Ordinal), ("X-Signature-Timestamp", $"{now}"), ("X-Signature", Sign(now, body)));
        var rowsAfterRefusals = await app.CountRowsAsync();
        var signed = await Send(app, HttpMethod.Post, "/api/escalations", body, ("X-Signature-Timestamp", $"{now}"), ("X-Signature", Sign(now, body)));

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Created],
            new[] { unsigned, forged, stale, tampered, signed }.Select(r => r.StatusCode));
        Assert.Contains("minutes", (await TestApp.ReadAsync(stale)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, rowsAfterRefusals);
    }

    [Fact]
    public async Task Invalid_security_settings_stop_start_up_with_the_setting_named()
    {
        var error = Assert.ThrowsAny<Exception>(() => TestApp.Start(azurite.Azurite, new Dictionary<string, string?> { ["Security:ApiKey"] = "short" }));

        Assert.Contains("Security:ApiKey", error.ToString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> Send(TestApp app, HttpMethod method, string path, string? body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return app.Client.SendAsync(request);
    }
}
