using System.Text.Json;
using System.Text.RegularExpressions;
using EscalationFunctions.Console;
using EscalationFunctions.Http;
using Escalations.Notifications;
using Escalations.QuickBase;
using EscalationFunctions.Security;
using Escalations.Domain;
using Escalations.Runtime;
using Escalations.Testing;

namespace Infrastructure.Tests;

public class BicepTemplateTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    public static TheoryData<string> BicepFiles() => new(Directory.GetFiles(Bicep.Infra, "*.bicep", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(Bicep.Infra, f)).Order());

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Every_bicep_file_compiles_and_lints_without_a_single_diagnostic(string file)
    {
        var (code, output) = Bicep.Run("lint", Path.Combine(Bicep.Infra, file));

        Assert.Equal(0, code);
        Assert.True(string.IsNullOrWhiteSpace(output), output);
    }

    [Fact]
    public void No_registry_modules_are_used()
    {
        foreach (var file in Directory.GetFiles(Bicep.Infra, "*.bicep", SearchOption.AllDirectories))
            Assert.DoesNotContain("br/public:", File.ReadAllText(file), StringComparison.Ordinal);
    }

    private JsonElement Single(string type) => template.Resources().Single(r => r.GetProperty("type").GetString() == type);

    [Fact]
    public void Storage_allows_identities_only_over_https_with_tls_1_2()
    {
        var storage = Single("Microsoft.Storage/storageAccounts").GetProperty("properties");

        Assert.False(storage.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(storage.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.True(storage.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        Assert.Equal("TLS1_2", storage.GetProperty("minimumTlsVersion").GetString());
    }

    [Fact]
    public void The_app_gets_the_roles_it_needs_named_with_guid()
    {
        foreach (var (role, id) in new[]
        {
            ("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"),
            ("Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88"),
            ("Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"),
            ("Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6"),
            ("Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb"),
        })
        {
            Assert.True(template.Json.Contains(id, StringComparison.Ordinal), $"{role} is not assigned");
        }

        Assert.All(template.Resources().Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments"),
            r => Assert.StartsWith("[guid(", r.GetProperty("name").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_function_app_runs_the_isolated_worker_on_flex_consumption_with_its_identity()
    {
        var plan = Single("Microsoft.Web/serverfarms");
        var site = Single("Microsoft.Web/sites");
        var config = site.GetProperty("properties").GetProperty("functionAppConfig");

        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.Equal("functionapp,linux", site.GetProperty("kind").GetString());
        Assert.Equal("UserAssigned", site.GetProperty("identity").GetProperty("type").GetString());
        Assert.True(site.GetProperty("properties").GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("UserAssignedIdentity", config.GetProperty("deployment").GetProperty("storage").GetProperty("authentication").GetProperty("type").GetString());
        Assert.Contains("Microsoft.KeyVault/vaults", template.Json, StringComparison.Ordinal);
        Assert.Equal("[parameters('runtimeName')]", config.GetProperty("runtime").GetProperty("name").GetString());
        var module = File.ReadAllText(Path.Combine(Bicep.Infra, "modules", "functionapp.bicep"));
        Assert.Contains("param runtimeName string = 'dotnet-isolated'", module, StringComparison.Ordinal);
        Assert.Contains("param runtimeVersion string = '10.0'", module, StringComparison.Ordinal);
    }

    /// <summary>Setting names the template writes: the defaults file plus every 'Section__Name' literal in main.bicep's settings.</summary>
    private static HashSet<string> TemplateSettings()
    {
        using var defaults = JsonDocument.Parse(File.ReadAllText(Path.Combine(Bicep.Infra, "app-settings.defaults.json")));
        var names = defaults.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        var main = File.ReadAllText(Path.Combine(Bicep.Infra, "main.bicep"));
        foreach (Match m in Regex.Matches(main, @"^\s+'?([A-Za-z]+(?:__[A-Za-z0-9]+)+|APPLICATIONINSIGHTS_[A-Z_]+)'?:", RegexOptions.Multiline)) names.Add(m.Groups[1].Value);
        foreach (Match m in Regex.Matches(main, @"'(Routing__[A-Za-z]+)__")) names.Add(m.Groups[1].Value);
        return names;
    }

    private static IEnumerable<string> OptionSettings(Type type, string section) =>
        type.GetProperties().Where(p => p.CanWrite).SelectMany(p => p.PropertyType.IsClass && p.PropertyType != typeof(string) && !p.PropertyType.IsGenericType
            ? OptionSettings(p.PropertyType, $"{section}__{p.Name}")
            : [$"{section}__{p.Name}"]);

    [Fact]
    public void Every_setting_the_app_reads_is_set_by_the_template()
    {
        var set = TemplateSettings();
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteProcess.RepositoryRoot(), "local.settings.sample.json")));
        var sampleNames = sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name)
            // Flex Consumption takes the runtime from functionAppConfig; storage is identity-based in Azure; routing entries are generated;
            // the development sign-in is for a development machine only.
            .Where(n => n is not ("FUNCTIONS_WORKER_RUNTIME" or "AzureWebJobsStorage") && !n.StartsWith("Routing__", StringComparison.Ordinal)
                && !n.StartsWith("Console__Development", StringComparison.Ordinal));
        var optionNames = OptionSettings(typeof(EscalationOptions), EscalationOptions.SectionName)
            .Concat(OptionSettings(typeof(RuntimeOptions), RuntimeOptions.SectionName))
            .Concat(OptionSettings(typeof(ApiOptions), ApiOptions.SectionName))
            .Concat(OptionSettings(typeof(SecurityOptions), SecurityOptions.SectionName))
            .Concat(OptionSettings(typeof(ActionLinkOptions), ActionLinkOptions.SectionName))
            .Concat(OptionSettings(typeof(EmailOptions), EmailOptions.SectionName))
            .Concat(OptionSettings(typeof(ConsoleOptions), ConsoleOptions.SectionName))
            .Concat(OptionSettings(typeof(QuickBaseOptions), QuickBaseOptions.SectionName))
            .Where(n => !n.StartsWith("Routing__", StringComparison.Ordinal))
            // The development sign-in's people exist only on a development machine, never in Azure.
            .Where(n => !n.StartsWith("Console__Development", StringComparison.Ordinal));

        var missing = sampleNames.Concat(optionNames).Distinct().Where(n => !set.Contains(n)).Order().ToList();

        Assert.True(missing.Count == 0, "The template does not set: " + string.Join(", ", missing));
        Assert.Contains("AzureWebJobsStorage__accountName", set);
        Assert.Contains("AzureWebJobsStorage__credential", set);
        Assert.Contains("Routing__ManagementTeam", set);
        Assert.Contains("Routing__Vendors", set);
    }

    [Fact]
    public void App_Service_Authentication_with_entra_id_fronts_the_console_and_the_app_trusts_its_header_only_then()
    {
        var auth = template.Resources().Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config"
            && r.GetProperty("name").GetString()!.Contains("authsettingsV2", StringComparison.Ordinal));
        var properties = auth.GetProperty("properties");
        var entra = properties.GetProperty("identityProviders").GetProperty("azureActiveDirectory");

        Assert.Equal("[not(empty(parameters('signInClientId')))]", auth.GetProperty("condition").GetString());
        Assert.True(properties.GetProperty("platform").GetProperty("enabled").GetBoolean());
        // The platform's API calls keep their function keys: the console and link pages send people to sign in themselves.
        Assert.Equal("AllowAnonymous", properties.GetProperty("globalValidation").GetProperty("unauthenticatedClientAction").GetString());
        Assert.True(entra.GetProperty("enabled").GetBoolean());
        Assert.Contains("/v2.0", entra.GetProperty("registration").GetProperty("openIdIssuer").GetString(), StringComparison.Ordinal);
        Assert.Contains("'Console__SignIn', if(empty(parameters('consoleSignInClientId')), 'None', 'AppServiceAuthentication')", template.Json, StringComparison.Ordinal);
        Assert.Contains("console-sign-in-secret", template.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_reach_the_app_only_as_key_vault_references()
    {
        var main = File.ReadAllText(Path.Combine(Bicep.Infra, "main.bicep"));

        foreach (var secret in new[] { "Email__Smtp__Password", "Security__ActionLinkKey", "Security__WebhookSigningSecret", "QuickBase__UserToken" })
            Assert.Matches($@"{secret}: .*@Microsoft\.KeyVault\(", main);
        Assert.Contains("keyVaultReferenceIdentity: identityId", File.ReadAllText(Path.Combine(Bicep.Infra, "modules", "functionapp.bicep")), StringComparison.Ordinal);
        foreach (var parameter in new[] { "smtpClientSecret", "actionLinkKey", "webhookSigningSecret" })
            Assert.Matches($@"@secure\(\)\s*\n(@description\([^\n]*\)\s*\n)?param {parameter} ", main);
    }
}
