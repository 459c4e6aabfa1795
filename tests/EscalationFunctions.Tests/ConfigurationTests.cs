using System.Diagnostics;
using EscalationFunctions.Extensions;
using EscalationFunctions.Tests.Reliability;
using Microsoft.Extensions.Configuration;

namespace EscalationFunctions.Tests;

/// <summary>
/// Misconfiguration stops start-up with one message naming every bad setting, the value given and what is
/// expected: tried as an operator would, by starting the real app process with environment variables.
/// </summary>
public class ConfigurationTests
{
    /// <summary>A valid production configuration; each case below spoils it.</summary>
    private static readonly Dictionary<string, string> Valid = new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Routing__ManagementTeam"] = "tsr-management@contoso.test",
        ["Routing__InHouseSupervisors"] = "tsr-supervisors@contoso.test",
        ["Email__From"] = "escalations@contoso.test",
        // An address nothing listens on: a valid configuration gets as far as storage and no further.
        ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1",
    };

    private static async Task<(int ExitCode, string Output)> StartAsync(Dictionary<string, string?> changes)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(AppProcess.AppAssembly());
        start.WorkingDirectory = Path.GetDirectoryName(AppProcess.AppAssembly())!;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{TestStorage.FreePort()}";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in Valid) start.Environment[key] = value;
        foreach (var (key, value) in changes)
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TestStorage.Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "(still running after 60 s) " + await stdout + await stderr);
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    public static TheoryData<string, string?, string> Mistakes => new()
    {
        { "Escalation__CalbackSla", "00:03:00", "Escalation:CalbackSla is not a setting; did you mean Escalation:CallbackSla?" },
        { "Escalation__CallbackSla", "3m", "Escalation:CallbackSla is '3m', which is not a duration: write hh:mm:ss or d.hh:mm:ss" },
        { "Escalation__SupervisorHoldTimeout", "20", "Escalation:SupervisorHoldTimeout is '20', which is not a duration" },
        { "Email__From", "not-an-address", "Email:From is 'not-an-address', which is not an email address." },
        { "Routing__ManagementTeam", "tsr-management@example.com", "Routing:ManagementTeam has 'tsr-management@example.com', a placeholder address" },
        { "Routing__ManagementTeam", null, "Routing:ManagementTeam is required outside the Development environment" },
        { "Routing__Vendors__Acme__Supervisors", "sups@acme.test; nobody", "Routing:Vendors:Acme:Supervisors has 'nobody', which is not an email address." },
        { "Runtime__ReceiveBatchSize", "64", "Runtime:ReceiveBatchSize must be between 1 and 32 (was 64)." },
        { "Security__ApiKey", "short", "Security:ApiKey must be at least 16 characters." },
        { "Security__ActionLinkKey", "short", "Security:ActionLinkKey must be at least 32 characters." },
        { "Email__Smtp__Host", "smtp.contoso.test", "" },
        { "Console__SignIn", "Development", "Console:SignIn is Development, which is allowed only in the Development environment" },
        { "Console__SignIn", "Anyone", "Console:SignIn is 'Anyone'" },
        { "DevHost__TaskHub__Engine", "Sqlite", "DevHost:TaskHub:Engine must be AzureStorage or InMemory (was 'Sqlite')." },
        { "AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval", "fast", "durableTask:storageProvider:maxQueuePollingInterval must be a duration of at least 00:00:00.1 (was 'fast')." },
        { "AzureFunctionsJobHost__extensions__durableTask__hubName", "escalations-hub", "durableTask:hubName must be 3-45 letters and digits, starting with a letter (was 'escalations-hub')." },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_mistake_stops_start_up_with_a_message_naming_the_setting_and_no_stack_trace(string key, string? value, string expected)
    {
        var changes = new Dictionary<string, string?> { [key] = value };
        if (key == "Email__Smtp__Host") changes["Email__Smtp__Port"] = "seventy";
        var (exitCode, output) = await StartAsync(changes);

        Assert.Equal(2, exitCode);
        Assert.Contains("The configuration is not valid:", output, StringComparison.Ordinal);
        Assert.Contains(key == "Email__Smtp__Host" ? "Email:Smtp:Port is 'seventy', which is not a whole number." : expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_setting_of_every_section_is_named_in_one_message()
    {
        var (exitCode, output) = await StartAsync(new Dictionary<string, string?>
        {
            ["Escalation__CallbackSla"] = "48h",
            ["Runtime__DispatchGrace"] = "30",
            ["Api__MaxPageSize"] = "lots",
            ["Security__SignatureTolerance"] = "5 minutes",
            ["Email__Form"] = "escalations@contoso.test",
            ["Routing__InHouseSupervisors"] = null,
        });

        Assert.Equal(2, exitCode);
        var problems = output.Split('\n').Where(l => l.StartsWith("  - ", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, problems.Count);
        Assert.Contains(problems, p => p.Contains("Email:Form is not a setting; did you mean Email:From?", StringComparison.Ordinal));
        Assert.Single(output.Split('\n'), l => l.Contains("The configuration is not valid:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Placeholders_are_allowed_in_development_so_the_run_command_works_out_of_the_box()
    {
        var (exitCode, output) = await StartAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Routing__ManagementTeam"] = null,
            ["Routing__InHouseSupervisors"] = null,
        });

        // It gets past configuration to storage, which is not there: not a configuration problem.
        Assert.DoesNotContain("The configuration is not valid", output, StringComparison.Ordinal);
        Assert.NotEqual(2, exitCode);
    }

    [Theory]
    [InlineData(null, null, "http://localhost:7071")]
    [InlineData("http://127.0.0.1:8080", null, "http://127.0.0.1:8080")]
    [InlineData("http://+:5000;https://+:5001", null, "http://localhost:5000")]
    [InlineData("http://0.0.0.0:7071/", null, "http://localhost:7071")]
    [InlineData("http://127.0.0.1:8080", "escalations-prod.azurewebsites.net", "https://escalations-prod.azurewebsites.net")]
    public void The_links_in_emails_lead_to_where_the_app_listens_unless_set(string? urls, string? site, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls, ["WEBSITE_HOSTNAME"] = site }).Build();

        Assert.Equal(expected, HostingExtensions.PublicBaseUrl(configuration));
    }
}
