namespace EscalationFunctions.Console;

/// <summary>How the console and the email link pages learn who is using them.</summary>
public enum SignInMode
{
    /// <summary>No sign-in: the console and the link pages say so and act for nobody.</summary>
    None,

    /// <summary>
    /// Behind App Service Authentication (Easy Auth) with Microsoft Entra ID: the person is read from the
    /// <c>X-MS-CLIENT-PRINCIPAL</c> header it injects (and strips from what clients send).
    /// </summary>
    AppServiceAuthentication,

    /// <summary>A list of configured people to pick from; the Development environment and loopback callers only.</summary>
    Development,
}
