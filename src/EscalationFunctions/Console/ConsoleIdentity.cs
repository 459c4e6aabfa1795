using System.Net;
using EscalationFunctions.Http;

namespace EscalationFunctions.Console;

/// <summary>
/// Works out who is signed in, for the console and the email link pages, from what <see cref="ConsoleOptions.SignIn"/>
/// allows and nothing else: the App Service Authentication header only when the app is configured to run behind it,
/// the development cookie only in the Development environment and from this machine.
/// </summary>
public sealed class ConsoleIdentity(ConsoleOptions options, DevelopmentSessions sessions)
{
    private static readonly object Key = new();

    public ConsoleOptions Options => options;

    /// <summary>The person set on the request by <see cref="ConsoleGate"/>, or null.</summary>
    public static ConsoleUser? Current(HttpContext context) => context.Items[Key] as ConsoleUser;

    internal static void Set(HttpContext context, ConsoleUser user) => context.Items[Key] = user;

    /// <summary>
    /// Who the request comes from, or null when nobody is signed in; <paramref name="problem"/> says why a principal
    /// that was presented cannot be used.
    /// </summary>
    public ConsoleUser? Resolve(HttpContext context, out string? problem)
    {
        problem = null;
        switch (options.SignIn)
        {
            case SignInMode.AppServiceAuthentication:
                var header = context.Request.Headers[ClientPrincipal.Header].ToString();
                if (header.Length == 0) return null;
                var principal = ClientPrincipal.Parse(header);
                if (principal is null)
                {
                    problem = "The sign-in principal could not be read.";
                    return null;
                }

                var id = principal.Claim(options.SupervisorIdClaim);
                if (!new RequestRules().Id("id", id).IsValid)
                {
                    problem = $"Your account has no usable '{options.SupervisorIdClaim}' claim to act as a supervisor: ask an administrator.";
                    return null;
                }

                return new ConsoleUser(id!, principal.Claim(options.NameClaim) is { Length: > 0 and <= RequestRules.MaxNameLength } n && !n.Any(char.IsControl) ? n : id!,
                    principal.HasRole(options.ManagementRole));
            case SignInMode.Development:
                return sessions.PersonId(context.Request) is { } person && options.DevelopmentPeople.TryGetValue(person, out var name)
                    ? new ConsoleUser(person, name, options.DevelopmentManagers.Contains(person))
                    : null;
            default:
                return null;
        }
    }

    /// <summary>Where to send someone who must sign in first, or null when no sign-in is configured.</summary>
    public string? SignInUrl(string returnUrl) => options.SignIn switch
    {
        SignInMode.AppServiceAuthentication => "/.auth/login/aad?post_login_redirect_uri=" + Uri.EscapeDataString(returnUrl),
        SignInMode.Development => ConsolePaths.SignIn + "?returnUrl=" + Uri.EscapeDataString(returnUrl),
        _ => null,
    };

    internal static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is not { } ip || IPAddress.IsLoopback(ip);
}
