using MimeKit;

namespace Escalations.Notifications;

/// <summary>What counts as a usable address in settings, and which addresses are placeholders.</summary>
public static class EmailAddresses
{
    /// <summary>Domains that only ever stand in for a real one: refused outside the Development environment.</summary>
    public static readonly IReadOnlyList<string> PlaceholderDomains = ["example.com", "example.org", "example.net", "localhost"];

    /// <summary>A single mailbox with a local part and a domain ("Pat &lt;pat@contoso.com&gt;" or "pat@contoso.com").</summary>
    public static bool IsValid(string value) =>
        MailboxAddress.TryParse(value, out var mailbox)
        && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
        && at < mailbox.Address.Length - 1
        && !mailbox.Address.Any(char.IsWhiteSpace);

    public static bool IsPlaceholder(string value)
    {
        if (!MailboxAddress.TryParse(value, out var mailbox)) return false;
        var domain = mailbox.Domain.TrimEnd('.');
        return PlaceholderDomains.Any(p => domain.Equals(p, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + p, StringComparison.OrdinalIgnoreCase));
    }
}
