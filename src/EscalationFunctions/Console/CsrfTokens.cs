using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace EscalationFunctions.Console;

/// <summary>
/// Cross-site request forgery protection for every form of the console and the link pages: a random token in a
/// <c>SameSite=Strict</c>, HttpOnly cookie that each form repeats in a hidden field (double submit), and a POST is
/// refused unless both match and the browser does not report it as sent from another site (<c>Sec-Fetch-Site</c>).
/// No server-side key, so it holds across instances.
/// </summary>
public static class CsrfTokens
{
    public const string Field = "csrf";

    /// <summary>The request's token, issuing a cookie for it when the browser has none yet.</summary>
    public static string For(HttpContext context)
    {
        if (context.Items[typeof(CsrfTokens)] is string issued) return issued;
        var name = CookieName(context.Request);
        // Only a token of the shape this class issues is taken back: the value is written into every form.
        var token = context.Request.Cookies[name] is { Length: 43 } existing && existing.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? existing
            : WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        if (token != context.Request.Cookies[name])
        {
            context.Response.Cookies.Append(name, token, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", Secure = IsSecure(context.Request), IsEssential = true,
            });
        }

        context.Items[typeof(CsrfTokens)] = token;
        return token;
    }

    /// <summary>The hidden field every form carries.</summary>
    public static string HiddenField(HttpContext context) => $"<input type=\"hidden\" name=\"{Field}\" value=\"{For(context)}\">";

    public static bool IsValid(HttpContext context, IFormCollection form)
    {
        var site = context.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none")) return false;
        var cookie = context.Request.Cookies[CookieName(context.Request)];
        var given = form[Field].ToString();
        return cookie is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie), Encoding.ASCII.GetBytes(given));
    }

    /// <summary>Over HTTPS the cookie is <c>__Host-</c> prefixed: only this host, over HTTPS, can set it.</summary>
    private static string CookieName(HttpRequest request) => IsSecure(request) ? "__Host-escalations-csrf" : "escalations-csrf";

    // Under the Functions host the request reaches the app over loopback HTTP; the front end says how it came in.
    private static bool IsSecure(HttpRequest request) =>
        request.IsHttps || string.Equals(request.Headers["X-Forwarded-Proto"], "https", StringComparison.OrdinalIgnoreCase);
}
