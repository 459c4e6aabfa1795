using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Escalations.Domain;
using Escalations.Runtime.Storage;
using EscalationFunctions.Functions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationFunctions.Tests;

/// <summary>
/// One definition of each function: the functions.metadata the Worker SDK builds from the attributes (what the
/// Functions host reads), the OpenAPI document (the contract) and the development host's routes must all agree.
/// </summary>
[Collection(ApiTests.Name)]
public partial class FunctionCatalogueTests(AzuriteFixture azurite)
{
    /// <summary>Served but not operations of the API: the reference page, the document itself, the email-link and console pages.</summary>
    private static readonly string[] Undocumented = ["reference", "openapi", "links", "console"];

    private static readonly string[] OpenFunctions = ["Health", "ApiDocument", "ApiReference"];

    private sealed record Declared(string Name, string Type, JsonElement Trigger)
    {
        public string Route => "api/" + Trigger.GetProperty("route").GetString();

        public IReadOnlyList<string> Methods => Trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).Order().ToList();
    }

    /// <summary>The functions.metadata the Worker SDK writes into the app's build output (publish copies the same file).</summary>
    public static string MetadataPath()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        return Path.Combine(AzuriteProcess.RepositoryRoot(), "src", "EscalationFunctions", "bin", configuration, "net10.0", "functions.metadata");
    }

    private static List<Declared> Functions()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        return metadata.RootElement.EnumerateArray().Select(f =>
        {
            var trigger = f.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            return new Declared(f.GetProperty("name").GetString()!, trigger.GetProperty("type").GetString()!, trigger.Clone());
        }).ToList();
    }

    [Fact]
    public void Host_json_runs_an_isolated_worker_under_the_api_route_prefix()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteProcess.RepositoryRoot(), "host.json")));
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteProcess.RepositoryRoot(), "local.settings.sample.json")));

        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.False(host.RootElement.TryGetProperty("customHandler", out _));
        Assert.False(host.RootElement.TryGetProperty("extensionBundle", out _));
        Assert.Equal("api", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Equal("dotnet-isolated", settings.RootElement.GetProperty("Values").GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.False(Directory.Exists(Path.Combine(AzuriteProcess.RepositoryRoot(), "src", "EscalationFunctions", "Functions", "Health")), "function.json folders are gone");
    }

    [Fact]
    public async Task The_development_host_serves_exactly_the_http_functions_with_their_routes_and_methods()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .ToDictionary(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, e => e);
        var http = Functions().Where(f => f.Type == "httpTrigger").ToList();

        Assert.Equal(http.Select(f => f.Name).Order(), endpoints.Keys.Order());
        foreach (var function in http)
        {
            var endpoint = endpoints[function.Name];
            Assert.Equal(Normalize(function.Route), Normalize(endpoint.RoutePattern.RawText!));
            Assert.Equal(function.Methods, endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Order());
            // The console and the link pages sign people in themselves, behind App Service Authentication.
            var open = OpenFunctions.Contains(function.Name) || function.Route.StartsWith("api/console", StringComparison.Ordinal) || function.Route.StartsWith("api/links", StringComparison.Ordinal);
            Assert.Equal(open ? "Anonymous" : "Function", function.Trigger.GetProperty("authLevel").GetString());
        }
    }

    [Fact]
    public void Every_documented_operation_is_the_function_of_the_same_name_route_and_method_and_every_api_function_is_documented()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Contract.ContractTests.CheckedIn));
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.TryGetProperty("operationId", out _))
                .Select(o => (Id: o.Value.GetProperty("operationId").GetString()!, Path: p.Name.TrimStart('/'), Method: o.Name.ToUpperInvariant())))
            .ToList();
        var http = Functions().Where(f => f.Type == "httpTrigger").ToList();

        Assert.NotEmpty(operations);
        foreach (var (id, path, method) in operations)
        {
            var function = Assert.Single(http, f => f.Name == id);
            Assert.Equal(Normalize(path), Normalize(function.Route));
            Assert.Equal([method], function.Methods);
        }

        var api = http.Where(f => !Undocumented.Any(u => f.Route.StartsWith("api/" + u, StringComparison.Ordinal))).Select(f => f.Name).Order();
        Assert.Equal(operations.Select(o => o.Id).Order(), api);
    }

    [Fact]
    public void The_orchestration_and_its_activities_are_durable_functions_the_development_host_registers_alike()
    {
        var durable = Functions().Where(f => f.Type is "orchestrationTrigger" or "activityTrigger").ToDictionary(f => f.Name, f => f.Type);
        var registered = EscalationFunctions.DevHost.DurableFunctionTasks.Discover(typeof(HealthFunctions).Assembly)
            .ToDictionary(f => f.Name, f => f.IsOrchestrator ? "orchestrationTrigger" : "activityTrigger");

        Assert.Equal("orchestrationTrigger", durable[Escalations.Orchestration.EscalationTasks.Orchestrator]);
        Assert.Equal("activityTrigger", durable[Escalations.Orchestration.EscalationTasks.ReadClock]);
        Assert.Equal("activityTrigger", durable[Escalations.Orchestration.EscalationTasks.FireTimer]);
        Assert.Equal(durable.OrderBy(d => d.Key), registered.OrderBy(r => r.Key));
        // The orchestrator's input is its typed parameter, under both hosts.
        Assert.Equal(typeof(Escalations.Orchestration.ClockInput),
            EscalationFunctions.DevHost.DurableFunctionTasks.Discover(typeof(HealthFunctions).Assembly).Single(f => f.IsOrchestrator).InputType);
    }

    [Fact]
    public void Host_json_configures_the_task_hub_on_the_azure_storage_provider()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteProcess.RepositoryRoot(), "host.json")));
        var durable = host.RootElement.GetProperty("extensions").GetProperty("durableTask");
        var settings = EscalationFunctions.DevHost.TaskHubSettings.Read(new ConfigurationBuilder().Build(), AzuriteProcess.RepositoryRoot());

        Assert.Equal("AzureStorage", durable.GetProperty("storageProvider").GetProperty("type").GetString());
        Assert.Equal(durable.GetProperty("hubName").GetString(), settings.HubName);
        Assert.Equal(TimeSpan.Parse(durable.GetProperty("storageProvider").GetProperty("maxQueuePollingInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture), settings.MaxQueuePollingInterval);
        Assert.Equal(durable.GetProperty("storageProvider").GetProperty("partitionCount").GetInt32(), settings.PartitionCount);
        Assert.Equal(durable.GetProperty("maxConcurrentActivityFunctions").GetInt32(), settings.MaxConcurrentActivities);
    }

    [Fact]
    public void Queue_and_timer_functions_read_their_queues_from_the_settings_and_the_pumps_are_off_under_the_host()
    {
        var triggers = Functions().ToDictionary(f => f.Name, f => f.Trigger);
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteProcess.RepositoryRoot(), "local.settings.sample.json")));
        var values = settings.RootElement.GetProperty("Values");

        Assert.Equal("queueTrigger", triggers[nameof(QueueFunctions.OutboxQueueTrigger)].GetProperty("type").GetString());
        Assert.Equal("%Runtime__OutboxQueue%", triggers[nameof(QueueFunctions.OutboxQueueTrigger)].GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", triggers[nameof(QueueFunctions.OutboxQueueTrigger)].GetProperty("connection").GetString());
        Assert.True(values.TryGetProperty("Runtime__OutboxQueue", out _));
        Assert.Equal("timerTrigger", triggers[nameof(SweepFunctions.SweepTimer)].GetProperty("type").GetString());
        Assert.Equal("0 */5 * * * *", triggers[nameof(SweepFunctions.SweepTimer)].GetProperty("schedule").GetString());
        Assert.Equal("false", values.GetProperty("Runtime__RunPumps").GetString());
        Assert.DoesNotContain(Functions(), f => f.Name == "TimerQueueTrigger");
    }

    [Fact]
    public void Every_function_that_commits_has_a_durable_client_to_tell_the_orchestration_with()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        var withClient = metadata.RootElement.EnumerateArray()
            .Where(f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "durableClient"))
            .Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToList();
        // Every POST of the API, the email links and the console commits a transition; so does the outbox's re-drive.
        var committing = Functions().Where(f => f.Type == "httpTrigger" && f.Methods.SequenceEqual(["POST"]) && f.Name is not "ConsoleSignIn" and not "ConsoleSignOut")
            .Select(f => f.Name).Append(nameof(QueueFunctions.OutboxQueueTrigger)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(committing, withClient);
    }

    [Fact]
    public async Task The_outbox_queue_function_tells_the_orchestration_a_crashed_request_never_told()
    {
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?> { ["Runtime:RunPumps"] = "false" });
        var workflow = app.Services.GetRequiredService<Escalations.Runtime.Workflow.EscalationWorkflow>();
        var client = app.Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>();
        var id = "esc-" + Guid.NewGuid().ToString("N")[..16];
        workflow.AfterCommit = _ => throw new InvalidOperationException("process killed");
        await Assert.ThrowsAsync<InvalidOperationException>(() => workflow.ApplyAsync(id,
            new EscalationRequested("contact-1", "acct-1", new Agent("agent-1", "Dana Agent", AgentAffiliation.InHouse), RequestCategory.General) { EventId = Guid.NewGuid().ToString("N") }));
        workflow.AfterCommit = null;
        Assert.Null(await client.GetInstanceAsync(id));

        await ActivatorUtilities.CreateInstance<QueueFunctions>(app.Services)
            .OutboxQueueTrigger(StorageJson.Serialize(new OutboxMessage(id)), client, CancellationToken.None);

        await TestApp.Eventually(async () => (await client.GetInstanceAsync(id)) is not null, TimeSpan.Zero, "the escalation's orchestration");
    }

    [Fact]
    public async Task A_malformed_queue_message_fails_so_the_host_retries_it_and_then_moves_it_to_the_poison_queue()
    {
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?> { ["Runtime:RunPumps"] = "false" });

        await Assert.ThrowsAsync<JsonException>(() => ActivatorUtilities.CreateInstance<QueueFunctions>(app.Services).OutboxQueueTrigger("not json", app.Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>(), CancellationToken.None));
    }

    [Fact]
    public async Task The_sweep_function_runs_the_sweep()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?> { ["Runtime:RunPumps"] = "false", ["Logging:LogLevel:EscalationFunctions"] = "Information" }, logs: logs);

        await ActivatorUtilities.CreateInstance<SweepFunctions>(app.Services).SweepTimer(new TimerInfo(), CancellationToken.None);

        Assert.Contains(logs.Lines, l => l.Contains(": sweep: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_document_is_served_as_checked_in_and_the_reference_page_serves()
    {
        await using var app = TestApp.Start(azurite.Azurite);

        var served = await app.Client.GetByteArrayAsync("/api/openapi/v1.json");
        var reference = await app.Client.GetAsync("/api/reference");
        var other = await app.Client.GetAsync("/api/openapi/v2.json");

        Assert.Equal(await File.ReadAllBytesAsync(Contract.ContractTests.CheckedIn), served);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("text/html", reference.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    /// <summary>A route with its parameters' names only: "{*path}" and "{id:constraint}" read as "{path}" and "{id}".</summary>
    private static string Normalize(string route) => ParameterPattern().Replace(route.Trim('/'), "{$1}");

    [GeneratedRegex(@"\{\*?([^}:=]+)[^}]*\}")]
    private static partial Regex ParameterPattern();
}
