using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace EscalationFunctions.Console;

/// <summary>
/// The development sign-in's session: a cookie naming the chosen person, signed with a key made when the process
/// starts (so a restart signs everyone out). Only ever issued in the Development environment to loopback callers.
/// </summary>
public sealed class DevelopmentSessions
{
    public const string Cookie = "escalations-dev-person";

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public void SignIn(HttpResponse response, string personId) => response.Cookies.Append(Cookie,
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(personId)) + "." + Mac(personId),
        new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });

    public static void SignOut(HttpResponse response) => response.Cookies.Delete(Cookie, new CookieOptions { Path = "/" });

    /// <summary>The person the request's cookie names, when its signature holds.</summary>
    public string? PersonId(HttpRequest request)
    {
        var value = request.Cookies[Cookie];
        var dot = value?.IndexOf('.') ?? -1;
        if (value is null || dot <= 0) return null;
        try
        {
            var id = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(value[..dot]));
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(id)), Encoding.ASCII.GetBytes(value[(dot + 1)..])) ? id : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string Mac(string id) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(id)));
}
