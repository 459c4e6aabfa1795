using System.Text.Json;
using Escalations.Notifications;
using Escalations.QuickBase;
using EscalationFunctions.Security;
using EscalationFunctions.Console;
using EscalationFunctions.Http;

namespace EscalationFunctions.Tests;

public class SettingsTests
{
    [Fact]
    public void Every_app_setting_is_listed_in_the_sample_settings()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteProcess.RepositoryRoot(), "local.settings.sample.json")));
        var names = doc.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToList();
        var expected = Scalars(typeof(ApiOptions), ApiOptions.SectionName)
            .Concat(Scalars(typeof(SecurityOptions), SecurityOptions.SectionName))
            .Concat(Scalars(typeof(ActionLinkOptions), ActionLinkOptions.SectionName))
            .Concat(Scalars(typeof(EmailOptions), EmailOptions.SectionName))
            .Concat(Scalars(typeof(ConsoleOptions), ConsoleOptions.SectionName))
            .Concat(Scalars(typeof(QuickBaseOptions), QuickBaseOptions.SectionName))
            .Concat(typeof(RoutingOptions).GetProperties().Where(p => p.CanWrite).Select(p => $"{RoutingOptions.SectionName}__{p.Name}__"));

        var missing = expected.Where(e => !names.Any(n => n == e || (e.EndsWith("__", StringComparison.Ordinal) && n.StartsWith(e, StringComparison.Ordinal)))).ToList();

        Assert.True(missing.Count == 0, "local.settings.sample.json lacks: " + string.Join(", ", missing));
    }

    /// <summary>Setting names of every settable option, nested option classes included; a list or dictionary as its prefix ("Section__Name__").</summary>
    private static IEnumerable<string> Scalars(Type type, string section) =>
        type.GetProperties().Where(p => p.CanWrite).SelectMany(p => p.PropertyType.IsGenericType && Nullable.GetUnderlyingType(p.PropertyType) is null
            ? [$"{section}__{p.Name}__"]
            : p.PropertyType.IsClass && p.PropertyType != typeof(string)
                ? Scalars(p.PropertyType, $"{section}__{p.Name}")
                : [$"{section}__{p.Name}"]);
}
