using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Escalations.Notifications;
using EscalationFunctions.Http;

namespace EscalationFunctions.Security;

/// <summary>
/// Guards the API. Standalone: the <c>X-Api-Key</c> header must match <see cref="SecurityOptions.ApiKey"/>, or,
/// with no key configured, the caller must be on this machine. Optionally, POSTs must be signed:
/// <c>X-Signature-Timestamp</c> (Unix seconds) and <c>X-Signature: sha256=&lt;hex HMAC-SHA256&gt;</c>, see <see cref="Sign"/>.
/// Health, the OpenAPI document and the reference page are open.
/// </summary>
public sealed partial class RequestAuthentication(RequestDelegate next, SecurityOptions options, TimeProvider time, ILogger<RequestAuthentication> logger)
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string TimestampHeader = "X-Signature-Timestamp";
    public const string SignatureHeader = "X-Signature";

    private readonly byte[]? _apiKey = options.ApiKey is { Length: > 0 } k ? Encoding.UTF8.GetBytes(k) : null;
    private readonly byte[]? _signingKey = options.WebhookSigningSecret is { Length: > 0 } s ? Encoding.UTF8.GetBytes(s) : null;

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (IsOpen(path))
        {
            await next(context);
            return;
        }

        if (!Authenticated(context))
        {
            LogRejected(RouteTemplate.Of(context), "api key");
            await Problems.Unauthorized(_apiKey is null
                    ? "No Security:ApiKey is configured, so only callers on this machine are served."
                    : $"Send the API key in the {ApiKeyHeader} header.")
                .ExecuteAsync(context);
            return;
        }

        if (_signingKey is not null && HttpMethods.IsPost(context.Request.Method) && path.StartsWithSegments("/api"))
        {
            context.Request.EnableBuffering();
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            context.Request.Body.Position = 0;
            if (SignatureProblem(context.Request, body.ToArray()) is { } problem)
            {
                LogRejected(RouteTemplate.Of(context), "signature");
                await Problems.Unauthorized(problem).ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }

    /// <summary>
    /// The signature a caller sends: HMAC-SHA256 over <c>"{timestamp}.{METHOD}.{path and query}.{Idempotency-Key}.{body}"</c>
    /// (an empty key when none is sent). Binding the method, the path and the key means a captured request cannot
    /// be replayed against another escalation or action, or under a new key as a new event.
    /// </summary>
    public static string Sign(string secret, long timestamp, string method, string pathAndQuery, string? idempotencyKey, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(string.Join('.', timestamp.ToString(CultureInfo.InvariantCulture), method.ToUpperInvariant(), pathAndQuery, idempotencyKey ?? "") + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    private string? SignatureProblem(HttpRequest request, byte[] body)
    {
        if (!long.TryParse(request.Headers[TimestampHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
            return $"Signed requests need {TimestampHeader} (Unix seconds) and {SignatureHeader}.";
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, 253402300799));
        if (age.Duration() > options.SignatureTolerance)
            return $"The signature timestamp is more than {options.SignatureTolerance.TotalMinutes:0} minutes from now.";
        var target = request.PathBase + request.Path + request.QueryString;
        var key = request.Headers[EventIds.IdempotencyHeader].ToString();
        var expected = Encoding.ASCII.GetBytes(Sign(options.WebhookSigningSecret!, timestamp, request.Method, target, key, body));
        var given = Encoding.ASCII.GetBytes(request.Headers[SignatureHeader].ToString());
        return CryptographicOperations.FixedTimeEquals(expected, given)
            ? null
            : "The signature does not match this request (timestamp, method, path, Idempotency-Key and body).";
    }

    private bool Authenticated(HttpContext context)
    {
        if (_apiKey is null) return IsLoopback(context);
        var given = Encoding.UTF8.GetBytes(context.Request.Headers[ApiKeyHeader].ToString());
        return CryptographicOperations.FixedTimeEquals(_apiKey, given);
    }

    /// <summary>Health, the OpenAPI document, the reference page and the signed email links need no key.</summary>
    internal static bool IsOpen(PathString path) =>
        path.StartsWithSegments("/api/health") || path.StartsWithSegments("/api/openapi") || path.StartsWithSegments("/api/reference")
        || path.StartsWithSegments(ActionLinks.Path)
        // The console (Console/ConsolePaths.Root) signs people in itself; the API keys are for the platform.
        || path.StartsWithSegments("/api/console")
        || path == "/" || path.StartsWithSegments("/favicon.ico");

    private static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip) || context.Connection.RemoteIpAddress is null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a request to {Route}: {Check} check failed.")]
    private partial void LogRejected(string route, string check);
}
