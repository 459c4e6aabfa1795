using Escalations.Notifications;

namespace EscalationFunctions.Console;

/// <summary>
/// In front of the console and the email link pages: sets the security headers (a Content-Security-Policy with no
/// inline script, no framing), refuses a principal header the app is not configured to trust, keeps the development
/// sign-in to this machine, and puts the signed-in person on the request.
/// </summary>
public sealed partial class ConsoleGate(RequestDelegate next, ConsoleIdentity identity, TimeProvider time, ILogger<ConsoleGate> logger)
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static bool Covers(PathString path) => path.StartsWithSegments(ConsolePaths.Root) || path.StartsWithSegments(ActionLinks.Path);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!Covers(context.Request.Path))
        {
            await next(context);
            return;
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        // The link pages' address is a capability: never send it on in a Referer.
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (!context.Request.Path.StartsWithSegments(ConsolePaths.Assets)) headers.CacheControl = "no-store";

        var options = identity.Options;
        if (options.SignIn != SignInMode.AppServiceAuthentication && context.Request.Headers.ContainsKey(ClientPrincipal.Header))
        {
            // Only App Service Authentication may say who someone is, and only when the app is known to run behind it
            // (which strips the header from what clients send). Anywhere else the header is a forgery.
            LogForgedPrincipal();
            await Refuse(context, StatusCodes.Status401Unauthorized, "Sign-in header refused",
                $"This app is not configured to trust the {ClientPrincipal.Header} header (Console:SignIn is {options.SignIn}), so it does not accept it.");
            return;
        }

        if (options.SignIn == SignInMode.Development && !ConsoleIdentity.IsLoopback(context))
        {
            await Refuse(context, StatusCodes.Status403Forbidden, "Not available", "The development sign-in serves this machine only.");
            return;
        }

        if (identity.Resolve(context, out var problem) is { } user) ConsoleIdentity.Set(context, user);
        else if (problem is not null)
        {
            await Refuse(context, StatusCodes.Status403Forbidden, "Cannot sign you in", problem);
            return;
        }

        await next(context);
    }

    private Task Refuse(HttpContext context, int status, string title, string message) =>
        ConsoleHtml.Page(context, null, title, $"<p>{ConsoleHtml.E(message)}</p>", time.GetUtcNow(), identity.Options.RefreshInterval, status: status)
            .ExecuteAsync(context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request carrying a sign-in principal header the app is not configured to trust.")]
    private partial void LogForgedPrincipal();
}
