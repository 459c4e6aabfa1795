using Escalations.Domain;
using Microsoft.Extensions.Configuration;

namespace Escalations.Runtime.Tests;

public class StrictSettingsTests
{
    private static (T Value, List<string> Problems) Bind<T>(string section, params (string Key, string? Value)[] settings) where T : new()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();
        var problems = new List<string>();
        return (StrictSettings.Bind<T>(configuration, section, problems), problems);
    }

    [Theory]
    [InlineData("00:03:00", 3 * 60)]
    [InlineData("2.00:00:00", 2 * 24 * 3600)]
    [InlineData("00:00:00.500", 0.5)]
    public void Durations_are_read_in_hh_mm_ss_and_d_hh_mm_ss(string raw, double seconds)
    {
        var (options, problems) = Bind<EscalationOptions>("Escalation", ("Escalation:CallbackSla", raw));

        Assert.Empty(problems);
        Assert.Equal(TimeSpan.FromSeconds(seconds), options.CallbackSla);
    }

    [Theory]
    [InlineData("20")]
    [InlineData("3m")]
    [InlineData("48h")]
    [InlineData("two days")]
    public void A_bare_number_or_a_unit_is_not_a_duration_and_is_named_with_its_value(string raw)
    {
        var (options, problems) = Bind<EscalationOptions>("Escalation", ("Escalation:CallbackSla", raw));

        var problem = Assert.Single(problems);
        Assert.StartsWith($"Escalation:CallbackSla is '{raw}', which is not a duration", problem, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromHours(48), options.CallbackSla);
    }

    [Fact]
    public void Unknown_keys_are_refused_with_the_nearest_known_key()
    {
        var (_, problems) = Bind<EscalationOptions>("Escalation",
            ("Escalation:CalbackSla", "00:03:00"), ("Escalation:Recipients:SlaBreach", "ManagementTeam"), ("Escalation:Colour", "blue"));

        Assert.Equal(
            ["Escalation:CalbackSla is not a setting; did you mean Escalation:CallbackSla?",
             "Escalation:Colour is not a setting.",
             "Escalation:Recipients:SlaBreach is not a setting; did you mean Escalation:Recipients:SlaBreached?"],
            problems.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Enums_numbers_and_booleans_are_checked()
    {
        var (_, problems) = Bind<EscalationOptions>("Escalation",
            ("Escalation:Recipients:SlaBreached", "Managers"), ("Escalation:Recipients:ThreatFlagged", "2"), ("Escalation:BreachWarningAt", "0,75"));

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("'Managers', which is not one of: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'2', which is not one of: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'0,75', which is not a number", StringComparison.Ordinal));
    }

    [Fact]
    public void A_list_can_be_one_value_separated_by_semicolons_or_commas_or_indexed_keys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["L:One"] = "a@x.test",
            ["L:Semicolons"] = "a@x.test; b@x.test",
            ["L:Commas"] = "a@x.test,b@x.test",
            ["L:Indexed:0"] = "a@x.test",
            ["L:Indexed:1"] = "b@x.test;c@x.test",
        }).Build();
        var problems = new List<string>();

        var lists = StrictSettings.Bind<Lists>(configuration, "L", problems);

        Assert.Empty(problems);
        Assert.Equal(["a@x.test"], lists.One);
        Assert.Equal(["a@x.test", "b@x.test"], lists.Semicolons);
        Assert.Equal(["a@x.test", "b@x.test"], lists.Commas);
        Assert.Equal(["a@x.test", "b@x.test", "c@x.test"], lists.Indexed);
    }

    public sealed class Lists
    {
        public List<string> One { get; set; } = [];
        public List<string> Semicolons { get; set; } = [];
        public List<string> Commas { get; set; } = [];
        public List<string> Indexed { get; set; } = [];
    }
}
