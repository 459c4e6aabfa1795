using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Escalations.Runtime;
using System.Buffers.Text;
using System.Text.Json.Serialization;
using Escalations.Runtime.Storage;

namespace Escalations.Notifications;

/// <summary>
/// Makes and checks one-click links: <c>{base}/api/links/{payload}.{signature}</c>, the payload Base64url JSON and
/// the signature HMAC-SHA256 over it with <see cref="ActionLinkOptions.ActionLinkKey"/>. Without a key there are no links.
/// </summary>
public sealed class ActionLinks(ActionLinkOptions options, TimeProvider time)
{
    /// <summary>Where links are served, below the app's public base URL.</summary>
    public const string Path = "/api/links";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly byte[]? _key = options.ActionLinkKey is { Length: > 0 } k ? Encoding.UTF8.GetBytes(k) : null;

    public bool Enabled => _key is not null;

    /// <summary>
    /// The link for one action. The nonce is derived from the notification and the action, so a retried send
    /// renders the same links; different actions and notifications get different nonces.
    /// </summary>
    public string Create(Notification notification, LinkAction action, string? supervisorId, DateTimeOffset expiresAt)
    {
        var key = _key ?? throw new InvalidOperationException("Set Security:ActionLinkKey to make action links.");
        var nonce = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{notification.IdempotencyKey}|{action}|{supervisorId}")))[..24];
        return Encode(new ActionLink(notification.Escalation.Id, action, expiresAt, nonce, supervisorId));
    }

    public string Encode(ActionLink link)
    {
        var key = _key ?? throw new InvalidOperationException("Set Security:ActionLinkKey to make action links.");
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(link, Json));
        return payload + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload)));
    }

    /// <summary>What a link's button says.</summary>
    public static string Title(LinkAction action) => action switch
    {
        LinkAction.ClaimCallback => "Claim this callback",
        LinkAction.CompleteResolved => "Mark the callback completed: resolved",
        LinkAction.CompleteNeedsManagement => "Mark the callback completed: needs management",
        _ => "Request management assistance",
    };

    public (ActionLink? Link, LinkProblem? Problem) Verify(string token)
    {
        if (_key is null || token.Length > 2048) return (null, LinkProblem.Forged);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0) return (null, LinkProblem.Forged);
        var payload = token[..dot];
        try
        {
            var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload));
            if (!CryptographicOperations.FixedTimeEquals(expected, Base64Url.DecodeFromChars(token.AsSpan(dot + 1)))) return (null, LinkProblem.Forged);
            var link = JsonSerializer.Deserialize<ActionLink>(Base64Url.DecodeFromChars(payload), Json);
            if (link is null || !TableKeys.IsValidEscalationId(link.EscalationId) || !Enum.IsDefined(link.Action)) return (null, LinkProblem.Forged);
            return link.ExpiresAt < time.GetUtcNow() ? (link, LinkProblem.Expired) : (link, null);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return (null, LinkProblem.Forged);
        }
    }
}
