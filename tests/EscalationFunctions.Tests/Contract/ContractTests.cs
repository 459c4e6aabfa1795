using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EscalationFunctions.Tests.Contract;

/// <summary>The document itself: readable, served as checked in, saying what the answers are, and checking them.</summary>
[Collection(ApiTests.Name)]
public partial class ContractTests(AzuriteFixture azurite)
{
    /// <summary>The copy integrators (and the generated client) build from.</summary>
    public static readonly string CheckedIn = Path.Combine(AzuriteProcess.RepositoryRoot(), "docs", "openapi", "v1.json");


    /// <summary>
    /// What the document's description says is ignored is ignored: query parameters an operation does not list,
    /// and the signature headers while no signing secret is configured, whatever they hold.
    /// </summary>
    [Fact]
    public async Task Unlisted_query_parameters_and_signature_headers_without_a_secret_are_ignored_as_the_document_says()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var description = JsonNode.Parse(await app.Client.GetStringAsync("/api/openapi/v1.json"))!["info"]!["description"]!.GetValue<string>();
        var id = await EscalationsApiTests.StartAsync(app);

        using var listed = await app.Client.GetAsync("/api/escalations?surprise=1&status=deEscalating&code=abc");
        using var read = await app.Client.GetAsync($"/api/escalations/{id}?surprise=%00");
        var post = new HttpRequestMessage(HttpMethod.Post, $"/api/escalations/{id}/deescalation?surprise=1")
        {
            Content = new StringContent("{\"resolved\":false}", Encoding.UTF8, "application/json"),
        };
        post.Headers.TryAddWithoutValidation("X-Signature-Timestamp", "{}");
        post.Headers.TryAddWithoutValidation("X-Signature", "not a signature");
        using var acted = await app.Client.SendAsync(post);

        Assert.Contains("Query parameters an operation does not list are ignored", description, StringComparison.Ordinal);
        Assert.Contains("signature headers are read only when the service has a webhook signing secret", description, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, acted.StatusCode);
        Assert.Equal("awaitingSupervisor", (await TestApp.ReadAsync(acted)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_served_document_reads_cleanly_and_is_the_checked_in_copy()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var served = await app.Client.GetStringAsync("/api/openapi/v1.json");
        var contract = ApiContract.For(served);

        Assert.Empty(contract.Errors);
        Assert.Equal(File.ReadAllText(CheckedIn).ReplaceLineEndings("\n"), served.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Every_operation_is_secured_or_open_on_purpose_has_its_problems_and_no_schema_is_nullable()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var contract = ApiContract.For(await app.Client.GetStringAsync("/api/openapi/v1.json"));
        var operations = contract.Document.Paths.SelectMany(p => p.Value.Operations!.Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value))).ToList();

        Assert.True(operations.Count >= 13, $"only {operations.Count} operations");
        foreach (var (path, method, operation) in operations)
        {
            var name = operation.OperationId;
            var open = path is "/api/health";
            Assert.True(operation.Security is not null && operation.Security.Count == (open ? 0 : 2), $"{name}: security");
            Assert.Contains("500", operation.Responses!.Keys);
            Assert.Contains("503", operation.Responses.Keys);
            if (!open) Assert.Contains("401", operation.Responses.Keys);
            if (operation.RequestBody is { } body)
            {
                foreach (var status in new[] { "400", "413", "415" }) Assert.True(operation.Responses.ContainsKey(status), $"{name}: {status}");
                Assert.All(body.Content!.Values, m => Assert.NotNull(m.Example));
            }

            if (method == HttpMethod.Post)
                Assert.Contains(operation.Parameters!, p => p.Name == "Idempotency-Key");
            foreach (var (status, response) in operation.Responses.Where(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture) >= 400))
            {
                if (name == "Health" && status == "503") continue;
                Assert.True(response.Content!.ContainsKey("application/problem+json"), $"{name} {status}: problem details");
            }
        }

        // One nullability rule: members without a value are left out, so nothing in the document is nullable.
        var text = contract.Json.ToJsonString();
        Assert.DoesNotContain("\"null\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"nullable\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Nodes(contract.Json), n => n is JsonArray values && values.Parent is JsonObject && values.GetPropertyName() == "enum" && values.Contains(null));
    }

    private static IEnumerable<JsonNode> Nodes(JsonNode node) => node switch
    {
        JsonObject o => o.Select(kv => kv.Value).OfType<JsonNode>().SelectMany(Nodes).Prepend(o),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Nodes).Prepend(a),
        _ => [node],
    };

    [Fact]
    public async Task The_checker_refuses_answers_the_document_does_not_describe()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var contract = ApiContract.For(await app.Client.GetStringAsync("/api/openapi/v1.json"));
        var uri = new Uri(app.Client.BaseAddress!, "/api/escalations/esc-0123/pickup");
        const string view = """{"id":"esc-0123","status":"supervisorHandling","open":true,"version":3,"contactId":"c-1","accountId":"a-1","category":"general","threats":[],"pendingTimers":[],"nextStep":{"action":"supervisorTakingOver","instruction":"Take over."},"createdAt":"2026-01-05T10:00:00+00:00","updatedAt":"2026-01-05T10:05:00+00:00"}""";
        const string problem = """{"type":"urn:escalation-functions:problem:invalid-transition","title":"t","status":409,"detail":"d","traceId":"00-1","state":"supervisorHandling"}""";

        Assert.Empty(contract.Check(HttpMethod.Post, uri, 200, "application/json", view));
        Assert.Empty(contract.Check(HttpMethod.Post, uri, 409, "application/problem+json", problem));
        Assert.NotEmpty(contract.Check(HttpMethod.Post, uri, 418, "application/problem+json", problem));
        Assert.NotEmpty(contract.Check(HttpMethod.Post, uri, 200, "text/plain", view));
        Assert.NotEmpty(contract.Check(HttpMethod.Post, uri, 200, "application/json", view.Replace("\"open\":true,", "", StringComparison.Ordinal)));
        Assert.NotEmpty(contract.Check(HttpMethod.Post, uri, 200, "application/json", view.Replace("\"open\":true,", "\"open\":true,\"supervisor\":null,", StringComparison.Ordinal)));
        Assert.NotEmpty(contract.Check(HttpMethod.Post, uri, 200, "application/json", view.Replace("\"version\":3", "\"version\":\"3\"", StringComparison.Ordinal)));
        Assert.NotEmpty(contract.Check(HttpMethod.Post, uri, 409, "application/problem+json", problem.Replace("invalid-transition", "nope", StringComparison.Ordinal)));
        Assert.NotEmpty(contract.Check(HttpMethod.Post, uri, 409, "application/problem+json", problem.Replace("\"traceId\":\"00-1\",", "", StringComparison.Ordinal)));
        Assert.NotEmpty(contract.Check(HttpMethod.Delete, uri, 200, "application/json", view));
    }

    [Fact]
    public async Task The_framework_s_own_refusals_carry_this_api_s_problem_types()
    {
        await using var app = TestApp.Start(azurite.Azurite);

        var text = await app.Client.PostAsync("/api/escalations", new StringContent("hello", Encoding.UTF8, "text/plain"));
        var method = await app.Client.DeleteAsync("/api/escalations");
        var nowhere = await app.Client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal("urn:escalation-functions:problem:unsupported-media-type", (await TestApp.ReadAsync(text)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, method.StatusCode);
        Assert.Equal("urn:escalation-functions:problem:method-not-allowed", (await TestApp.ReadAsync(method)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal("urn:escalation-functions:problem:not-found", (await TestApp.ReadAsync(nowhere)).GetProperty("type").GetString());
        Assert.All(new[] { text, method, nowhere }, r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType!.MediaType));
    }

    [Fact]
    public async Task Management_assistance_takes_exactly_the_channels_the_document_lists()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var contract = ApiContract.For(await app.Client.GetStringAsync("/api/openapi/v1.json"));
        var id = await EscalationsApiTests.StartAsync(app);
        await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
        await app.PostAsync($"/api/escalations/{id}/pickup", new { supervisorId = "sup-1" });

        var listed = contract.Json["components"]!["schemas"]!["ContactChannel"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>());
        var api = await app.PostAsync($"/api/escalations/{id}/management-assistance", new { supervisorId = "sup-1", reason = "over my limit", channel = "api" });
        var chat = await app.PostAsync($"/api/escalations/{id}/management-assistance", new { supervisorId = "sup-1", reason = "over my limit", channel = "chat" });

        Assert.Equal(["phone", "chat", "email"], listed);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal("Must be one of: phone, chat, email.", (await TestApp.ReadAsync(api)).GetProperty("errors").GetProperty("channel")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Equal("chat", (await app.GetEscalationAsync(id)).GetProperty("history").EnumerateArray()
            .Single(h => h.GetProperty("action").GetString() == "managementAssistanceRequested").GetProperty("channel").GetString());
    }

    [Fact]
    public async Task The_reference_page_is_this_service_s_without_hosted_extras()
    {
        await using var app = TestApp.Start(azurite.Azurite);

        var html = await app.Client.GetStringAsync("/api/reference");
        var configuration = JsonNode.Parse(ConfigurationPattern().Match(html).Groups[1].Value)!;

        Assert.Contains("<title>EscalationFunctions API</title>", html, StringComparison.Ordinal);
        Assert.True(configuration["agent"]!["disabled"]!.GetValue<bool>());
        Assert.True(configuration["mcp"]!["disabled"]!.GetValue<bool>());
        Assert.Equal("never", configuration["showDeveloperTools"]!.GetValue<string>());
        Assert.False(configuration["telemetry"]!.GetValue<bool>());
        Assert.False(configuration["withDefaultFonts"]!.GetValue<bool>());
        Assert.Equal("ApiKey", configuration["authentication"]!["preferredSecurityScheme"]!.AsArray().Single()!.GetValue<string>());
    }

    [GeneratedRegex(@"initialize\(\s*'[^']*',\s*\w+,\s*(\{.*\})\s*,\s*'", RegexOptions.Singleline)]
    private static partial Regex ConfigurationPattern();
}
