namespace EscalationFunctions.Console;

/// <summary>What a page does when nobody is signed in: send them to sign in, or say that sign-in is not set up.</summary>
public static class ConsoleAccess
{
    /// <summary>The signed-in person, or the answer to give instead (a redirect to sign in, or a page saying why not).</summary>
    public static (ConsoleUser? User, IResult? Instead) Require(HttpContext context, ConsoleIdentity identity, TimeProvider time, bool management = false)
    {
        if (ConsoleIdentity.Current(context) is { } user)
        {
            return management && !user.IsManager
                ? (null, ConsoleHtml.Page(context, user, "Management only",
                    $"<p>This view is for the TS&amp;R Management Team (app role {ConsoleHtml.E(identity.Options.ManagementRole)}).</p>",
                    time.GetUtcNow(), identity.Options.RefreshInterval, status: StatusCodes.Status403Forbidden))
                : (user, null);
        }

        var here = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        if (LiveFragment.IsRequested(context.Request)) return (null, Results.StatusCode(StatusCodes.Status401Unauthorized));
        return identity.SignInUrl(here) is { } signIn
            ? (null, Results.Redirect(signIn))
            : (null, ConsoleHtml.Page(context, null, "Sign-in is not configured",
                "<p>Actions are taken as the signed-in person, and this app has no sign-in configured (setting Console:SignIn). "
                + "In Azure it runs behind App Service Authentication; on a development machine, use the development sign-in.</p>",
                time.GetUtcNow(), identity.Options.RefreshInterval, status: StatusCodes.Status401Unauthorized));
    }

    /// <summary>The sign-out control in the header: App Service Authentication's own address, or the development sign-in's form.</summary>
    public static string SignOutControl(HttpContext context, ConsoleIdentity identity) => identity.Options.SignIn switch
    {
        SignInMode.AppServiceAuthentication => $" · <a href=\"/.auth/logout?post_logout_redirect_uri={Uri.EscapeDataString(ConsolePaths.Root)}\">Sign out</a>",
        SignInMode.Development => $"<form class=\"inline\" method=\"post\" action=\"{ConsolePaths.SignOut}\">{CsrfTokens.HiddenField(context)}<button type=\"submit\" class=\"link\">Sign out</button></form>",
        _ => "",
    };

    /// <summary>A page for the signed-in person, with the navigation and the sign-out control.</summary>
    public static IResult Render(HttpContext context, ConsoleUser user, ConsoleIdentity identity, TimeProvider time, string title, string bodyHtml,
        string? current = null, int status = StatusCodes.Status200OK) =>
        ConsoleHtml.Page(context, user, title, bodyHtml, time.GetUtcNow(), identity.Options.RefreshInterval, current, status, SignOutControl(context, identity));
}
