namespace Escalations.Domain.Tests;

public class OptionsAndScriptsTests
{
    [Fact]
    public void Defaults_follow_the_seed_and_design()
    {
        var options = new EscalationOptions();

        Assert.Equal(TimeSpan.FromMinutes(10), options.SupervisorHoldTimeout);
        Assert.Equal(TimeSpan.FromHours(48), options.CallbackSla);
        Assert.Equal(TimeSpan.FromHours(36), options.BreachWarningDelay);
        Assert.Equal("x69187", options.CustomerServiceExtension);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Invalid_options_are_reported_by_setting_name()
    {
        var options = new EscalationOptions
        {
            SupervisorHoldTimeout = TimeSpan.Zero,
            CallbackSla = TimeSpan.FromHours(-1),
            BreachWarningAt = 1.0,
            CustomerServiceExtension = "",
        };

        var problems = options.Validate();

        Assert.Collection(problems,
            p => Assert.StartsWith("Escalation:SupervisorHoldTimeout", p, StringComparison.Ordinal),
            p => Assert.StartsWith("Escalation:CallbackSla", p, StringComparison.Ordinal),
            p => Assert.StartsWith("Escalation:BreachWarningAt", p, StringComparison.Ordinal),
            p => Assert.StartsWith("Escalation:CustomerServiceExtension", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Recipients_roles_come_from_the_options()
    {
        var options = new EscalationOptions();
        options.Recipients.ThreatFlagged = Audience.ManagementTeam;
        var s = new Scenario(options);

        var t = s.Start(threats: [ThreatKind.Bbb]);

        Assert.Equal(RecipientRole.ManagementTeam, Assert.Single(t.Effects.Emails()).To.Role);
    }

    [Fact]
    public void The_configured_customer_service_extension_is_used_in_the_medical_transfer()
    {
        var s = new Scenario(new EscalationOptions { CustomerServiceExtension = "x12345" });

        var t = s.Start(disclosure: Disclosure.MedicalEmergency);

        Assert.Contains("x12345", t.State.NextStep.Instruction, StringComparison.Ordinal);
        Assert.DoesNotContain("x69187", t.State.NextStep.Instruction, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(48 * 3600, "48 hours")]
    [InlineData(3600, "1 hour")]
    [InlineData(600, "10 minutes")]
    [InlineData(5400, "1 hour 30 minutes")]
    [InlineData(90, "1 minute 30 seconds")]
    [InlineData(0, "0 seconds")]
    public void Durations_are_said_the_way_a_person_says_them(int seconds, string expected) =>
        Assert.Equal(expected, Durations.Describe(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Timestamps_are_written_in_utc_whatever_the_offset()
    {
        var at = new DateTimeOffset(2026, 11, 23, 10, 5, 0, TimeSpan.FromHours(-5));

        Assert.Equal("2026-11-23 15:05 UTC", Durations.Stamp(at));
    }

    [Fact]
    public void Nothing_in_the_model_can_hold_details_of_a_medical_condition()
    {
        // The only free text an intake carries is Notes and it is dropped for every disclosure; the disclosure
        // itself is a bare enum. This guards against someone adding a "condition" or "details" field later.
        var suspicious = new[] { typeof(Escalation), typeof(EscalationRequested), typeof(HistoryEntry) }
            .SelectMany(t => t.GetProperties())
            .Where(p => p.Name.Contains("Condition", StringComparison.OrdinalIgnoreCase)
                || p.Name.Contains("Medical", StringComparison.OrdinalIgnoreCase)
                || p.Name.Contains("Diagnosis", StringComparison.OrdinalIgnoreCase));

        Assert.Empty(suspicious);
    }
}
