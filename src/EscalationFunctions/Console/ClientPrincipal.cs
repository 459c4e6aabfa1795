using System.Text;
using System.Text.Json;

namespace EscalationFunctions.Console;

/// <summary>
/// The signed-in person as App Service Authentication describes them in the <c>X-MS-CLIENT-PRINCIPAL</c> header:
/// Base64 of <c>{"auth_typ", "name_typ", "role_typ", "claims": [{"typ", "val"}]}</c>.
/// </summary>
public sealed record ClientPrincipal(string? IdentityProvider, string? RoleType, IReadOnlyList<KeyValuePair<string, string>> Claims)
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>Claim types that carry app roles, besides the principal's own <c>role_typ</c>.</summary>
    private static readonly string[] RoleClaimTypes = ["roles", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];

    /// <summary>The principal in <paramref name="header"/>, or null when it is not Base64 JSON of that shape.</summary>
    public static ClientPrincipal? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 64 * 1024) return null;
        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array) return null;
            var list = new List<KeyValuePair<string, string>>();
            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind == JsonValueKind.Object
                    && claim.TryGetProperty("typ", out var typ) && typ.ValueKind == JsonValueKind.String
                    && claim.TryGetProperty("val", out var val) && val.ValueKind == JsonValueKind.String)
                    list.Add(new(typ.GetString()!, val.GetString()!));
            }

            return new ClientPrincipal(StringOrNull(root, "auth_typ"), StringOrNull(root, "role_typ"), list);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    public string? Claim(string type) => Claims.FirstOrDefault(c => string.Equals(c.Key, type, StringComparison.OrdinalIgnoreCase)).Value;

    public bool HasRole(string role) => Claims.Any(c =>
        (string.Equals(c.Key, RoleType, StringComparison.OrdinalIgnoreCase) || RoleClaimTypes.Contains(c.Key, StringComparer.OrdinalIgnoreCase))
        && string.Equals(c.Value, role, StringComparison.Ordinal));

    private static string? StringOrNull(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
