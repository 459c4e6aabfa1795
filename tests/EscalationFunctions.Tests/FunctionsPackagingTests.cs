using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Escalations.Domain;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Escalations.Runtime.Storage;
using EscalationFunctions.Apis;

namespace EscalationFunctions.Tests;

/// <summary>The custom-handler contract: host.json, one function.json per function, and the invocation payloads.</summary>
[Collection(ApiTests.Name)]
public class FunctionsPackagingTests(AzuriteFixture azurite)
{
    private static readonly string FunctionsDirectory = Path.Combine(AzuriteProcess.RepositoryRoot(), "src", "EscalationFunctions", "Functions");

    private static IEnumerable<(string Name, JsonElement Binding)> Triggers() =>
        Directory.GetDirectories(FunctionsDirectory).Select(dir =>
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "function.json")));
            var trigger = doc.RootElement.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            return (Path.GetFileName(dir), trigger.Clone());
        });

    [Fact]
    public void Host_json_runs_the_app_as_a_custom_handler_with_http_proxying()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteProcess.RepositoryRoot(), "host.json")));
        var handler = host.RootElement.GetProperty("customHandler");

        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal("EscalationFunctions", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(handler.GetProperty("enableProxyingHttpRequest").GetBoolean());
        Assert.Equal("api", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.StartsWith("[4.", host.RootElement.GetProperty("extensionBundle").GetProperty("version").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_http_function_matches_an_endpoint_of_the_app_by_name_route_and_method()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: e.RoutePattern.RawText!.TrimStart('/'), Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [], Name: e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName))
            .ToList();

        var http = Triggers().Where(t => t.Binding.GetProperty("type").GetString() == "httpTrigger").ToList();

        // The other way round: every route the app serves under /api has its function (the invocation routes
        // the host calls for queue and timer triggers are named after those functions).
        var routes = http.Select(t => "api/" + t.Binding.GetProperty("route").GetString()).ToList();
        Assert.All(endpoints.Where(e => e.Pattern.StartsWith("api/", StringComparison.Ordinal)), e =>
            Assert.True(routes.Any(r => Same(e.Pattern, r)), $"No function.json serves /{e.Pattern}."));
        foreach (var (name, binding) in http)
        {
            var route = "api/" + binding.GetProperty("route").GetString();
            foreach (var method in binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()))
                Assert.True(endpoints.Any(e => Same(e.Pattern, route) && (e.Methods.Count == 0 || e.Methods.Contains(method))),
                    $"{name}: no endpoint serves {method} /{route}");
            var named = endpoints.Where(e => e.Name == name).ToList();
            if (named.Count > 0) Assert.Contains(named, e => Same(e.Pattern, route));
            var auth = binding.GetProperty("authLevel").GetString();
            // The console and the link pages sign people in themselves, behind App Service Authentication.
            Assert.Equal(name is "Health" or "ApiDocument" or "ApiReference" or "ActionLink" or "Console" ? "anonymous" : "function", auth);
        }
    }

    [Fact]
    public void Queue_and_timer_triggers_deliver_to_the_runtime_handlers_with_configured_names()
    {
        var triggers = Triggers().ToDictionary(t => t.Name, t => t.Binding);
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteProcess.RepositoryRoot(), "local.settings.sample.json")));
        var values = settings.RootElement.GetProperty("Values");

        Assert.Equal("%Runtime__TimerQueue%", triggers[FunctionInvocationsApi.TimerTrigger].GetProperty("queueName").GetString());
        Assert.Equal("%Runtime__OutboxQueue%", triggers[FunctionInvocationsApi.OutboxTrigger].GetProperty("queueName").GetString());
        Assert.Equal("message", triggers[FunctionInvocationsApi.TimerTrigger].GetProperty("name").GetString());
        Assert.True(values.TryGetProperty("Runtime__TimerQueue", out _));
        Assert.Equal("AzureWebJobsStorage", triggers[FunctionInvocationsApi.OutboxTrigger].GetProperty("connection").GetString());
        Assert.Equal("timerTrigger", triggers[FunctionInvocationsApi.SweepTrigger].GetProperty("type").GetString());
        Assert.Equal("false", values.GetProperty("Runtime__RunPumps").GetString());
    }

    [Fact]
    public async Task A_queue_invocation_from_the_host_applies_the_timer_and_answers_in_the_host_shape()
    {
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?> { ["Escalation:SupervisorHoldTimeout"] = "00:00:01", ["Runtime:RunPumps"] = "false" });
        var id = await EscalationsApiTests.StartAsync(app);
        var held = await TestApp.ReadAsync(await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false }));
        var stored = await app.Services.GetRequiredService<EscalationStore>().LoadAsync(id);
        var timer = stored!.State.Timers.Single();
        await Task.Delay(timer.DueAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));
        var payload = new
        {
            Data = new { message = StorageJson.Serialize(new TimerMessage(id, timer.Kind, timer.Token, timer.DueAt)) },
            Metadata = new { DequeueCount = 1, Id = "m-1" },
        };

        var response = await app.Client.PostAsJsonAsync("/" + FunctionInvocationsApi.TimerTrigger, payload);
        var body = await TestApp.ReadAsync(response);

        Assert.Equal("awaitingSupervisor", held.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.TryGetProperty("Outputs", out _));
        Assert.Contains("done", body.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("callbackPending", (await app.GetEscalationAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_early_timer_invocation_is_sent_back_to_the_queue_with_a_delay()
    {
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?> { ["Runtime:RunPumps"] = "false" });
        var payload = new { Data = new { message = new TimerMessage("esc-abc", TimerKind.CallbackSla, "CallbackSla-3", DateTimeOffset.UtcNow.AddHours(1)) } };

        var response = await app.Client.PostAsJsonAsync("/" + FunctionInvocationsApi.TimerTrigger, payload, TestApp.Json);
        var props = await app.Storage.Timers.GetPropertiesAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("due again", (await TestApp.ReadAsync(response)).GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(1, props.Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_malformed_invocation_is_a_400_problem()
    {
        await using var app = TestApp.Start(azurite.Azurite);

        var response = await app.Client.PostAsJsonAsync("/" + FunctionInvocationsApi.OutboxTrigger, new { Data = new { message = "not json" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_sweep_timer_invocation_runs_the_sweep()
    {
        await using var app = TestApp.Start(azurite.Azurite);

        var response = await app.Client.PostAsJsonAsync("/" + FunctionInvocationsApi.SweepTrigger, new { Data = new { timer = new { IsPastDue = false } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("sweep:", (await TestApp.ReadAsync(response)).GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_escalation_function_and_the_reference_page_serves()
    {
        await using var app = TestApp.Start(azurite.Azurite);

        var document = await TestApp.ReadAsync(await app.Client.GetAsync("/api/openapi/v1.json"));
        var reference = await app.Client.GetAsync("/api/reference");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/escalations", paths);
        Assert.Contains("/api/escalations/{id}/callback/complete", paths);
        Assert.Contains("/api/accounts/{accountId}/history", paths);
        Assert.DoesNotContain("/TimerQueueTrigger", paths);
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("StartEscalationRequest", out _));
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("text/html", reference.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
    }

    /// <summary>Same route, or, for a catch-all function route ("reference/{*path}"), an endpoint under its prefix.</summary>
    private static bool Same(string endpointPattern, string functionRoute)
    {
        var catchAll = functionRoute.IndexOf("{*", StringComparison.Ordinal);
        return catchAll >= 0
            ? Normalize(endpointPattern).StartsWith(functionRoute[..catchAll].TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            : string.Equals(Normalize(endpointPattern), Normalize(functionRoute), StringComparison.OrdinalIgnoreCase);
    }

    private static string Normalize(string route) => System.Text.RegularExpressions.Regex.Replace(route.Trim('/'), @"\{\*?([^}:=]+)[^}]*\}", "{$1}");
}
