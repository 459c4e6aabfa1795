using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationFunctions.Http;

/// <summary>
/// Identity for retries. The platform retries failed calls, so every request maps to a stable event id: the
/// <c>Idempotency-Key</c> header when given, otherwise a hash of the escalation, the action and the body.
/// A retried request is then the same event, and the domain applies it once.
/// </summary>
public static class EventIds
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>The escalation an intake creates: the same contact (or idempotency key) always gives the same id.</summary>
    public static string EscalationIdFor(string key) => "esc-" + Hash(key)[..24];

    public static string For<TBody>(string? idempotencyKey, string escalationId, string action, TBody body) =>
        idempotencyKey is not null
            ? $"{action}:{Hash(idempotencyKey)[..32]}"
            : $"{action}:{Hash($"{escalationId}|{action}|{JsonSerializer.Serialize(body, ApiJson.Options)}")[..32]}";

    /// <summary>The header's value, or a problem when it is present but unusable.</summary>
    public static (string? Key, ProblemHttpResult? Problem) ReadKey(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(IdempotencyHeader, out var values)) return (null, null);
        var key = values.ToString();
        var rules = new RequestRules().Token(IdempotencyHeader, key);
        return rules.IsValid ? (key, null) : (null, Problems.Validation(rules.Errors));
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
