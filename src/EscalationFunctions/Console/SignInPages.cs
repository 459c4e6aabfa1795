using System.Text;
using static EscalationFunctions.Console.ConsoleHtml;

namespace EscalationFunctions.Console;

/// <summary>
/// The development sign-in: a list of the configured people (Console:DevelopmentPeople) to act as. It exists only
/// with Console:SignIn = Development, which start-up allows only in the Development environment, and
/// <see cref="ConsoleGate"/> serves it to loopback callers only. In Azure, App Service Authentication signs people in.
/// </summary>
public static class SignInPages
{
    public static IResult Show(HttpContext context, ConsoleIdentity identity, TimeProvider time)
    {
        var options = identity.Options;
        var returnUrl = ConsolePaths.LocalOr(context.Request.Query["returnUrl"], ConsolePaths.Holding);
        if (options.SignIn == SignInMode.AppServiceAuthentication) return Results.Redirect(identity.SignInUrl(returnUrl)!);
        if (options.SignIn != SignInMode.Development)
            return ConsoleHtml.Page(context, null, "Sign-in is not configured", "<p>Set Console:SignIn (see the README).</p>", time.GetUtcNow(), options.RefreshInterval,
                status: StatusCodes.Status404NotFound);

        var html = new StringBuilder("<p>Development sign-in: choose who you are. This list comes from Console:DevelopmentPeople and exists only on a development machine.</p>")
            .Append($"<form method=\"post\" action=\"{ConsolePaths.SignIn}\">{CsrfTokens.HiddenField(context)}<input type=\"hidden\" name=\"returnUrl\" value=\"{E(returnUrl)}\"><ul class=\"people\">");
        foreach (var (id, name) in options.DevelopmentPeople.OrderBy(p => p.Value, StringComparer.OrdinalIgnoreCase))
        {
            var role = options.DevelopmentManagers.Contains(id) ? "management" : "supervisor";
            html.Append($"<li><button type=\"submit\" name=\"person\" value=\"{E(id)}\" id=\"person-{E(id)}\">{E(name)} <span class=\"muted\">({E(id)}, {role})</span></button></li>");
        }

        html.Append("</ul></form>");
        if (options.DevelopmentPeople.Count == 0) html.Append("<p class=\"problem\">Nobody is configured: add Console:DevelopmentPeople:&lt;id&gt; = &lt;name&gt;.</p>");
        return ConsoleHtml.Page(context, null, "Sign in", html.ToString(), time.GetUtcNow(), options.RefreshInterval);
    }

    public static async Task<IResult> SignInAsync(HttpContext context, ConsoleIdentity identity, DevelopmentSessions sessions, TimeProvider time, CancellationToken ct)
    {
        var options = identity.Options;
        if (options.SignIn != SignInMode.Development || !context.Request.HasFormContentType) return Results.NotFound();
        var form = await context.Request.ReadFormAsync(ct);
        var person = form["person"].ToString();
        if (!CsrfTokens.IsValid(context, form) || !options.DevelopmentPeople.ContainsKey(person))
            return ConsoleHtml.Page(context, null, "Sign-in refused", $"<p>Choose a person from <a href=\"{ConsolePaths.SignIn}\">the list</a>.</p>",
                time.GetUtcNow(), options.RefreshInterval, status: StatusCodes.Status403Forbidden);
        sessions.SignIn(context.Response, person);
        context.Response.Headers.Location = ConsolePaths.LocalOr(form["returnUrl"], ConsolePaths.Holding);
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    public static async Task<IResult> SignOutAsync(HttpContext context, ConsoleIdentity identity, CancellationToken ct)
    {
        if (!context.Request.HasFormContentType) return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        var form = await context.Request.ReadFormAsync(ct);
        if (!CsrfTokens.IsValid(context, form)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        DevelopmentSessions.SignOut(context.Response);
        context.Response.Headers.Location = identity.Options.SignIn == SignInMode.Development ? ConsolePaths.SignIn : ConsolePaths.Root;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }
}
