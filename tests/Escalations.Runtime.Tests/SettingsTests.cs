using System.Globalization;
using System.Text.Json;
using Escalations.Domain;
using Escalations.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Escalations.Runtime.Tests;

public class SettingsTests
{
    private static Dictionary<string, string?> SampleValues()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteProcess.RepositoryRoot(), "local.settings.sample.json")));
        return doc.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
    }

    /// <summary>Environment-variable names (<c>Section__Property</c>) of every settable option, nested options included.</summary>
    private static IEnumerable<string> SettingNames(Type type, string prefix) =>
        type.GetProperties().Where(p => p.CanWrite).SelectMany(p =>
            p.PropertyType.IsClass && p.PropertyType != typeof(string)
                ? SettingNames(p.PropertyType, $"{prefix}__{p.Name}")
                : [$"{prefix}__{p.Name}"]);

    [Fact]
    public void Every_option_is_listed_in_the_sample_settings()
    {
        var values = SampleValues();
        var expected = SettingNames(typeof(EscalationOptions), EscalationOptions.SectionName)
            .Concat(SettingNames(typeof(RuntimeOptions), RuntimeOptions.SectionName))
            .Append(RuntimeServiceCollectionExtensions.StorageConnectionSetting);

        var missing = expected.Where(name => !values.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, "local.settings.sample.json lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_sample_settings_bind_and_validate()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(SampleValues().ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => kv.Value))
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<INotificationSender>(new RecordingSender());

        services.AddEscalationRuntime(configuration);

        using var provider = services.BuildServiceProvider();
        var policy = provider.GetRequiredService<EscalationOptions>();
        Assert.Equal(TimeSpan.FromHours(48), policy.CallbackSla);
        Assert.Equal(TimeSpan.Parse(SampleValues()["Runtime__SweepInterval"]!, CultureInfo.InvariantCulture), provider.GetRequiredService<RuntimeOptions>().SweepInterval);
    }

    [Fact]
    public void Invalid_settings_stop_start_up_with_every_problem_named()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Escalation:BreachWarningAt"] = "1.5",
            ["Runtime:ReceiveBatchSize"] = "64",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddEscalationRuntime(configuration));

        Assert.Contains("Escalation:BreachWarningAt", error.Message, StringComparison.Ordinal);
        Assert.Contains("Runtime:ReceiveBatchSize", error.Message, StringComparison.Ordinal);
    }
}

public class StorageConnectionTests
{
    private static StorageConnection From(params (string Key, string Value)[] settings) =>
        StorageConnection.From(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build());

    [Fact]
    public void A_connection_string_is_used_as_it_is()
    {
        var connection = From(("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
        Assert.Null(connection.Credential);
    }

    [Fact]
    public void Identity_based_settings_reach_the_account_with_the_user_assigned_managed_identity()
    {
        var connection = From(("AzureWebJobsStorage:accountName", "stesc123"), ("AzureWebJobsStorage:credential", "managedidentity"), ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001"));

        Assert.Null(connection.ConnectionString);
        Assert.Equal(new Uri("https://stesc123.table.core.windows.net"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://stesc123.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(connection.Credential);
    }

    [Fact]
    public void Explicit_service_uris_win_and_nothing_configured_means_the_emulator()
    {
        var sovereign = From(("AzureWebJobsStorage:tableServiceUri", "https://acct.table.core.usgovcloudapi.net"), ("AzureWebJobsStorage:queueServiceUri", "https://acct.queue.core.usgovcloudapi.net"));

        Assert.Equal("acct.table.core.usgovcloudapi.net", sovereign.TableServiceUri!.Host);
        Assert.IsType<Azure.Identity.DefaultAzureCredential>(sovereign.Credential);
        Assert.Equal("UseDevelopmentStorage=true", From().ConnectionString);
    }
}
