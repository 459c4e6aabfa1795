namespace EscalationFunctions.Console;

/// <summary>Where the console lives: under /api, so the Functions host (route prefix "api") reaches it as one function.</summary>
public static class ConsolePaths
{
    public const string Root = "/api/console";
    public const string Holding = Root + "/holding";
    public const string Callbacks = Root + "/callbacks";
    public const string Management = Root + "/management";
    public const string Accounts = Root + "/accounts";
    public const string SignIn = Root + "/sign-in";
    public const string SignOut = Root + "/sign-out";
    public const string Assets = Root + "/assets";

    public static string Escalation(string id) => $"{Root}/escalations/{Uri.EscapeDataString(id)}";

    public static string Account(string accountId) => $"{Accounts}?accountId={Uri.EscapeDataString(accountId)}";

    /// <summary>A return address is followed only when it is a path of this app (no scheme, host or "//"): no open redirect.</summary>
    public static string LocalOr(string? returnUrl, string fallback) =>
        returnUrl is { Length: > 1 and <= 2048 } r && r.StartsWith("/api/", StringComparison.Ordinal) && !r.Contains("//", StringComparison.Ordinal)
            && !r.Contains('\\', StringComparison.Ordinal) && !r.Any(char.IsControl)
            ? r
            : fallback;
}
