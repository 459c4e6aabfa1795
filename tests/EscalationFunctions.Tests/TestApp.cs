using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;
using EscalationFunctions.Http;

namespace EscalationFunctions.Tests;

/// <summary>
/// The real app, its functions in the development host (src/EscalationFunctions.DevHost), on Kestrel (a loopback port), over its own tables and queues in Azurite, writing emails to a
/// temporary pickup folder. Settings override the defaults, as environment variables would.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<global::Program> _factory;

    private TestApp(WebApplicationFactory<global::Program> factory, string mail, string prefix)
    {
        _factory = factory;
        MailDirectory = mail;
        Prefix = prefix;
        // The app on its Kestrel port; every answer is checked against the OpenAPI document it serves.
        using var plain = factory.CreateClient();
        Client = new HttpClient(new Contract.ContractValidation { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = plain.BaseAddress };
    }

    public HttpClient Client { get; }
    public string MailDirectory { get; }
    public string Prefix { get; }
    public IServiceProvider Services => _factory.Services;
    public StorageClients Storage => Services.GetRequiredService<StorageClients>();

    public static readonly JsonSerializerOptions Json = ApiJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static TestApp Start(AzuriteProcess azurite, IDictionary<string, string?>? settings = null, string? connectionString = null, ILoggerProvider? logs = null,
        TelemetryCapture? telemetry = null, TimeProvider? time = null, string? prefix = null)
    {
        // Reuse a prefix to start the app again over the same storage (a restart).
        prefix ??= TestStorage.NewPrefix();
        var mail = Directory.CreateTempSubdirectory("mail-").FullName;
        var config = TestStorage.Settings(connectionString ?? azurite.ConnectionString, prefix);
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Email:PickupDirectory"] = mail,
            ["Routing:ManagementTeam:0"] = "management@example.com",
            ["Routing:InHouseSupervisors:0"] = "supervisors@example.com",
            ["Routing:Vendors:Acme:Supervisors:0"] = "acme-sups@example.com",
            ["Routing:Supervisors:sup-1"] = "pat@example.com",
            ["Logging:LogLevel:Default"] = "Warning",
            // Orchestrations in memory unless a test is about durability (it sets AzureStorage).
            ["DevHost:TaskHub:Engine"] = "InMemory",
        }.Concat(settings ?? new Dictionary<string, string?>()))
        {
            config[key] = value;
        }

        var factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in config) b.UseSetting(key, value);
            if (logs is not null) b.ConfigureLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
            if (telemetry is not null) b.ConfigureServices(telemetry.AddTo);
            if (time is not null) b.ConfigureServices(s => s.AddSingleton(time));
        });
        // A free loopback port (UseKestrel(0) falls back to the default :5000, which another test run may hold).
        factory.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        return new TestApp(factory, mail, prefix);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static object Intake(string contactId, string accountId = "acct-1", string affiliation = "bpo", string? vendor = "Acme", string category = "general",
        string? disclosure = null, string[]? threats = null, string? notes = null) => new
    {
        contactId,
        accountId,
        agent = new { id = "agent-1", name = "Sam Agent", affiliation, vendor = affiliation == "bpo" ? vendor : null },
        category,
        disclosure,
        threats,
        callbackPhone = "+1 555 0100",
        notes,
    };

    public Task<HttpResponseMessage> PostAsync(string path, object? body) =>
        Client.PostAsync(path, body is null ? null : JsonContent.Create(body, options: Json));

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>())!;

    public async Task<JsonElement> GetEscalationAsync(string id) => await ReadAsync(await Client.GetAsync($"/api/escalations/{id}"));

    /// <summary>Every row of every table the app writes, for "nothing was written" checks.</summary>
    public async Task<int> CountRowsAsync()
    {
        var n = 0;
        foreach (var table in new[] { Storage.Escalations, Storage.AccountHistory, Storage.Index, Storage.DeadLetters, Storage.Report })
            await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"])) n++;
        return n;
    }

    /// <summary>Waits until the app's in-process dispatch worker has performed every effect handed to it.</summary>
    public Task Dispatched() => Services.GetRequiredService<InProcessDispatch>().WhenIdleAsync().WaitAsync(TestStorage.Patience);

    public string[] MailFiles() => Directory.Exists(MailDirectory) ? Directory.GetFiles(MailDirectory, "*.eml").Order().ToArray() : [];

    public static Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, string what) => TestStorage.Eventually(condition, timeout, what);
}
