namespace EscalationFunctions.Console;

/// <summary>The callback queue's filters, as the page's form sends them; every one optional.</summary>
public sealed record CallbackFilter(string? Vendor, string? Owner, bool Mine, DateTimeOffset? DueBefore, bool Unreachable = false)
{
    /// <summary>The query string that reproduces this filter (empty when there is none).</summary>
    public string Query()
    {
        var parts = new List<string>();
        if (Vendor is not null) parts.Add("vendor=" + Uri.EscapeDataString(Vendor));
        if (Owner is not null) parts.Add("owner=" + Uri.EscapeDataString(Owner));
        if (Mine) parts.Add("mine=on");
        if (Unreachable) parts.Add("unreachable=on");
        if (DueBefore is { } d) parts.Add("dueBefore=" + Uri.EscapeDataString(d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
