namespace Escalations.Notifications;

/// <summary>
/// The one-click links in emails. Read from configuration section <c>Security</c> (its <c>ActionLinkKey</c> and
/// <c>ActionLinkGrace</c>), beside the app's other secrets. The key comes from Key Vault or the environment.
/// </summary>
public sealed class ActionLinkOptions
{
    public const string SectionName = "Security";

    /// <summary>Signs the links (at least 32 characters). Unset: emails carry no links.</summary>
    public string? ActionLinkKey { get; set; }

    /// <summary>How long after the callback's due time an email's links keep working.</summary>
    public TimeSpan ActionLinkGrace { get; set; } = TimeSpan.FromDays(1);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ActionLinkKey is { Length: > 0 and < 32 }) problems.Add($"{SectionName}:ActionLinkKey must be at least 32 characters.");
        if (ActionLinkGrace < TimeSpan.Zero) problems.Add($"{SectionName}:ActionLinkGrace must not be negative.");
        return problems;
    }
}
