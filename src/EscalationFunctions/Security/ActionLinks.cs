using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Escalations.Runtime;
using Microsoft.AspNetCore.WebUtilities;
using Escalations.Runtime.Storage;

namespace EscalationFunctions.Security;

/// <summary>
/// Makes and checks one-click links: <c>{base}/api/links/{payload}.{signature}</c>, the payload Base64url JSON and
/// the signature HMAC-SHA256 over it with <see cref="SecurityOptions.ActionLinkKey"/>. Without a key there are no links.
/// </summary>
public sealed class ActionLinks(SecurityOptions security, TimeProvider time)
{
    private readonly byte[]? _key = security.ActionLinkKey is { Length: > 0 } k ? Encoding.UTF8.GetBytes(k) : null;

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
        var payload = WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(link, StorageJson.Options));
        return payload + "." + WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload)));
    }

    public (ActionLink? Link, LinkProblem? Problem) Verify(string token)
    {
        if (_key is null || token.Length > 2048) return (null, LinkProblem.Forged);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0) return (null, LinkProblem.Forged);
        var payload = token[..dot];
        try
        {
            var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload));
            if (!CryptographicOperations.FixedTimeEquals(expected, WebEncoders.Base64UrlDecode(token[(dot + 1)..]))) return (null, LinkProblem.Forged);
            var link = JsonSerializer.Deserialize<ActionLink>(WebEncoders.Base64UrlDecode(payload), StorageJson.Options);
            if (link is null || !TableKeys.IsValidEscalationId(link.EscalationId) || !Enum.IsDefined(link.Action)) return (null, LinkProblem.Forged);
            return link.ExpiresAt < time.GetUtcNow() ? (link, LinkProblem.Expired) : (link, null);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return (null, LinkProblem.Forged);
        }
    }
}
