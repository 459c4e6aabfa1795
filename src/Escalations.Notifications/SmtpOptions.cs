namespace Escalations.Notifications;

/// <summary>An SMTP server. In Azure: Azure Communication Services' relay, smtp.azurecomm.net:587 with STARTTLS.</summary>
public sealed class SmtpOptions
{
    /// <summary>Empty: no SMTP; messages go to <see cref="EmailOptions.PickupDirectory"/> instead.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>Upgrade the connection with STARTTLS (required by the ACS relay). Off only for a local test server.</summary>
    public bool UseStartTls { get; set; } = true;

    /// <summary>For ACS: the SMTP username resource's username.</summary>
    public string? Username { get; set; }

    /// <summary>For ACS: the Entra application's client secret. From Key Vault, never the repository.</summary>
    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most SMTP connections open at once; each is reused for the next message.</summary>
    public int MaxConnections { get; set; } = 2;

    /// <summary>A connection unused this long is closed rather than reused (servers drop idle sessions).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
