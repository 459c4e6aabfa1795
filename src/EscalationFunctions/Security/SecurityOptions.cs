namespace EscalationFunctions.Security;

/// <summary>Secrets and their rules (configuration section <c>Security</c>). Real values come from Key Vault or the environment, never the repository.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Required in the <c>X-Api-Key</c> header when the app runs standalone. Unset: only loopback callers are
    /// served, which is the case under the Functions host, where function keys guard the public endpoints.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>When set, POST requests must carry an HMAC-SHA256 signature over the timestamp, method, path, Idempotency-Key and body (see RequestAuthentication.Sign).</summary>
    public string? WebhookSigningSecret { get; set; }

    /// <summary>How old (or how far in the future) a signature's timestamp may be.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Signs the one-click action links in emails. Unset: emails carry no links.</summary>
    public string? ActionLinkKey { get; set; }

    /// <summary>How long after the callback's due time an email's action links keep working.</summary>
    public TimeSpan ActionLinkGrace { get; set; } = TimeSpan.FromDays(1);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ApiKey is { Length: > 0 and < 16 }) problems.Add($"{SectionName}:ApiKey must be at least 16 characters.");
        if (WebhookSigningSecret is { Length: > 0 and < 16 }) problems.Add($"{SectionName}:WebhookSigningSecret must be at least 16 characters.");
        if (ActionLinkKey is { Length: > 0 and < 32 }) problems.Add($"{SectionName}:ActionLinkKey must be at least 32 characters.");
        if (ActionLinkGrace < TimeSpan.Zero) problems.Add($"{SectionName}:ActionLinkGrace must not be negative.");
        if (SignatureTolerance <= TimeSpan.Zero) problems.Add($"{SectionName}:SignatureTolerance must be positive.");
        return problems;
    }
}
