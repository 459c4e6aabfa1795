using System.Globalization;
using System.Text.Json;
using Escalations.Domain;
using Escalations.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Escalations.Runtime.Storage;

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
            .Append(StorageConnection.Setting);

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
            ["Escalation:CalbackSla"] = "00:03:00",
            ["Escalation:SupervisorHoldTimeout"] = "20",
            ["Runtime:SweepInterval"] = "3m",
        }).Build();

        var error = Assert.Throws<InvalidConfigurationException>(() => new ServiceCollection().AddEscalationRuntime(configuration));

        Assert.Contains("Escalation:BreachWarningAt", error.Message, StringComparison.Ordinal);
        Assert.Contains("Runtime:ReceiveBatchSize", error.Message, StringComparison.Ordinal);
        Assert.Equal("Escalation:CalbackSla is not a setting; did you mean Escalation:CallbackSla?", error.Problems[0]);
        Assert.Contains(error.Problems, p => p.StartsWith("Escalation:SupervisorHoldTimeout is '20', which is not a duration", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Runtime:SweepInterval is '3m', which is not a duration", StringComparison.Ordinal));
        Assert.Equal(5, error.Problems.Count);
    }
}
