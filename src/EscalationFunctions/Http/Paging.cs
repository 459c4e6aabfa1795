namespace EscalationFunctions.Http;

/// <summary>
/// Page sizes and opaque continuation tokens: the storage token, prefixed with a digest of the query it belongs to,
/// Base64url-encoded. A token from another query, or one this service did not issue, is a 400.
/// </summary>
internal static class Paging
{
    public static int Size(string? value, ApiOptions options, RequestRules errors)
    {
        if (value is null) return options.DefaultPageSize;
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= options.MaxPageSize) return n;
        errors.Check(false, "pageSize", $"A whole number from 1 to {options.MaxPageSize}.");
        return options.DefaultPageSize;
    }

    public static string? Token(string? value, string scope, RequestRules errors)
    {
        if (value is null) return null;
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(value));
            var prefix = Digest(scope) + " ";
            if (text.Length <= 2048 && text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length && !text.Any(char.IsControl))
                return text[prefix.Length..];
        }
        catch (FormatException)
        {
        }

        errors.Check(false, "next", "Not a continuation token from a previous page of this query.");
        return null;
    }

    public static string? Encode(string? token, string scope) =>
        token is null ? null : Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(Digest(scope) + " " + token));

    private static string Digest(string scope) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(scope)))[..16];
}
