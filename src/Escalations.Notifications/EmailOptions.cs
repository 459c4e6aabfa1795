namespace Escalations.Notifications;

/// <summary>Configuration section <c>Email</c>.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    /// <summary>The verified sender address (for ACS, an address of the connected email domain).</summary>
    public string From { get; set; } = "escalations@localhost";

    /// <summary>Where messages are written as .eml files while no SMTP server is configured.</summary>
    public string PickupDirectory { get; set; } = "mail";

    /// <summary>Where recipients reach this app: the start of the action links in emails.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>The time zone due times are shown in, besides UTC (an IANA or Windows id).</summary>
    public string TimeZone { get; set; } = "UTC";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Most messages sent per minute (Azure Communication Services allows 30 per minute by default on a custom
    /// domain). Sends beyond it wait their turn; one that would wait longer than a minute is retried later.
    /// </summary>
    public int MaxPerMinute { get; set; } = 30;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!EmailAddresses.IsValid(From)) problems.Add($"{SectionName}:From is '{From}', which is not an email address.");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _)) problems.Add($"{SectionName}:TimeZone is not a known time zone (was '{TimeZone}').");
        if (UsesSmtp && Smtp.MaxConnections is < 1 or > 16) problems.Add($"{SectionName}:Smtp:MaxConnections must be between 1 and 16 (was {Smtp.MaxConnections}).");
        if (UsesSmtp && Smtp.IdleTimeout <= TimeSpan.Zero) problems.Add($"{SectionName}:Smtp:IdleTimeout must be positive (was {Smtp.IdleTimeout}).");
        if (UsesSmtp && Smtp.Timeout <= TimeSpan.Zero) problems.Add($"{SectionName}:Smtp:Timeout must be positive (was {Smtp.Timeout}).");
        if (UsesSmtp && Smtp.Port is < 1 or > 65535) problems.Add($"{SectionName}:Smtp:Port must be a port number (was {Smtp.Port}).");
        if (UsesSmtp && string.IsNullOrEmpty(Smtp.Username) != string.IsNullOrEmpty(Smtp.Password))
            problems.Add($"{SectionName}:Smtp:Username and {SectionName}:Smtp:Password go together.");
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            problems.Add($"{SectionName}:PublicBaseUrl must be an absolute http(s) URL (was '{PublicBaseUrl}').");
        if (MaxPerMinute < 1) problems.Add($"{SectionName}:MaxPerMinute must be at least 1 (was {MaxPerMinute}).");
        if (!UsesSmtp && string.IsNullOrWhiteSpace(PickupDirectory)) problems.Add($"{SectionName}:PickupDirectory is needed while no SMTP host is configured.");
        return problems;
    }
}
