namespace EscalationFunctions.Security;

/// <summary>
/// How callers are authenticated (configuration section <c>Security</c>; the action-link settings of the same
/// section are the notifications' <c>ActionLinkOptions</c>). Real values come from Key Vault or the environment,
/// never the repository.
/// </summary>
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

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ApiKey is { Length: > 0 and < 16 }) problems.Add($"{SectionName}:ApiKey must be at least 16 characters.");
        if (WebhookSigningSecret is { Length: > 0 and < 16 }) problems.Add($"{SectionName}:WebhookSigningSecret must be at least 16 characters.");
        if (SignatureTolerance <= TimeSpan.Zero) problems.Add($"{SectionName}:SignatureTolerance must be positive.");
        return problems;
    }
}
