using System.Security.Cryptography;
using System.Text;

namespace EscalationFunctions.Console;

/// <summary>
/// A list that stays current without a reload: the page holds the list in a <c>data-live</c> region, and the
/// script asks for just that region again every <see cref="ConsoleOptions.RefreshInterval"/> with
/// <c>If-None-Match</c>; the answer is <c>304</c> until the list changes. The region's HTML does not depend on
/// the clock (countdowns tick in the browser), so its ETag changes only when the data does. Polling rather than
/// server-sent events because a held-open response does not pass through the Functions host's HTTP proxy.
/// </summary>
public static class LiveFragment
{
    public const string PartParameter = "part";

    public static bool IsRequested(HttpRequest request) => request.Query[PartParameter] == "live";

    /// <summary>The region, wrapped for the page, naming the address the script polls and the version the page holds.</summary>
    public static string Region(string pathAndQuery, string fragment)
    {
        var separator = pathAndQuery.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"<div id=\"live\" data-live=\"{ConsoleHtml.E(pathAndQuery + separator + PartParameter + "=live")}\" data-etag=\"{ConsoleHtml.E(ETag(fragment))}\">{fragment}</div>";
    }

    /// <summary>The region alone, or <c>304</c> when the browser already has it.</summary>
    public static IResult Respond(HttpContext context, string fragment)
    {
        var etag = ETag(fragment);
        context.Response.Headers.ETag = etag;
        return context.Request.Headers.IfNoneMatch.ToString() == etag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Content(fragment, "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static string ETag(string fragment) => "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fragment)))[..32] + "\"";
}
