namespace Escalations.Domain;

/// <summary>The policy's tunable values (configuration section <c>Escalation</c>). Every default lives here and only here.</summary>
public sealed class EscalationOptions
{
    public const string SectionName = "Escalation";

    /// <summary>How long a caller holds for a supervisor before a callback request is created.</summary>
    public TimeSpan SupervisorHoldTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The callback turnaround promised to the caller.</summary>
    public TimeSpan CallbackSla { get; set; } = TimeSpan.FromHours(48);

    /// <summary>When, as a fraction of <see cref="CallbackSla"/>, the callback's owner is warned.</summary>
    public double BreachWarningAt { get; set; } = 0.75;

    /// <summary>Customer Service's transfer extension (seed 003).</summary>
    public string CustomerServiceExtension { get; set; } = "x69187";

    /// <summary>After this many callback attempts that did not reach the customer, the callback is flagged unreachable.</summary>
    public int MaxCallbackAttempts { get; set; } = 3;

    public NotificationAudiences Recipients { get; set; } = new();

    /// <summary>Every problem with the values, as sentences naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (SupervisorHoldTimeout <= TimeSpan.Zero)
            problems.Add($"{SectionName}:SupervisorHoldTimeout must be positive (was {SupervisorHoldTimeout}).");
        if (CallbackSla <= TimeSpan.Zero)
            problems.Add($"{SectionName}:CallbackSla must be positive (was {CallbackSla}).");
        if (!(BreachWarningAt > 0 && BreachWarningAt < 1))
            problems.Add($"{SectionName}:BreachWarningAt must be a fraction between 0 and 1, exclusive (was {BreachWarningAt}).");
        if (string.IsNullOrWhiteSpace(CustomerServiceExtension))
            problems.Add($"{SectionName}:CustomerServiceExtension must not be empty.");
        if (MaxCallbackAttempts is < 1 or > 100)
            problems.Add($"{SectionName}:MaxCallbackAttempts must be a whole number from 1 to 100 (was {MaxCallbackAttempts}).");
        return problems;
    }

    public TimeSpan BreachWarningDelay => TimeSpan.FromTicks((long)(CallbackSla.Ticks * BreachWarningAt));
}
