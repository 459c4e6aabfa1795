using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Escalations.Domain;

namespace EscalationFunctions.Console;

/// <summary>
/// The console's HTML: one layout, every piece of text escaped here, no inline script or style (the
/// Content-Security-Policy allows only this app's own stylesheet and script).
/// </summary>
public static class ConsoleHtml
{
    public const string Stylesheet = ConsolePaths.Assets + "/console.css";
    public const string Script = ConsolePaths.Assets + "/console.js";

    private static readonly (string Path, string Label, bool ManagementOnly)[] Navigation =
    [
        (ConsolePaths.Holding, "Holding now", false),
        (ConsolePaths.Callbacks, "Callback queue", false),
        (ConsolePaths.Accounts, "Accounts", false),
        (ConsolePaths.Management, "Management", true),
    ];

    /// <summary>Escapes text for HTML content and attribute values.</summary>
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A time as people read it, in UTC.</summary>
    public static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A countdown to <paramref name="due"/> (past it, the time since: "in 1h 02m 05s", "5m 10s ago"), ticked every
    /// second by the script from the server's clock. Its text until then is the due time itself, so a list's HTML
    /// does not change with the clock and a page without script still says when.
    /// </summary>
    public static string Countdown(DateTimeOffset due) =>
        $"<time class=\"countdown\" datetime=\"{Iso(due)}\" data-due=\"{Iso(due)}\">{E(Stamp(due))}</time>";

    public static string Status(EscalationStatus status) => status switch
    {
        EscalationStatus.DeEscalating => "De-escalating",
        EscalationStatus.AwaitingSupervisor => "Holding for a supervisor",
        EscalationStatus.SupervisorHandling => "Supervisor handling",
        EscalationStatus.CallbackPending => "Callback pending",
        EscalationStatus.SlaBreached => "SLA breached",
        EscalationStatus.ManagementEngaged => "Management engaged",
        EscalationStatus.ClaimTransferred => "Transferred to Customer Service (claim)",
        EscalationStatus.MedicalTransferred => "Transferred to Customer Service",
        EscalationStatus.RoutedToOtherProtocol => "Routed to another protocol",
        _ => status.ToString(),
    };

    public static string Threats(IEnumerable<ThreatKind>? threats)
    {
        var list = threats?.ToList() ?? [];
        return list.Count == 0 ? "" : string.Join(" ", list.Select(t => $"<span class=\"flag\">{E(Threat(t))}</span>"));
    }

    public static string Threat(ThreatKind kind) => kind switch
    {
        ThreatKind.Bbb => "BBB",
        ThreatKind.Lawyer => "Lawyer",
        ThreatKind.SocialMedia => "Social media",
        _ => kind.ToString(),
    };

    /// <summary>The whole page. <paramref name="bodyHtml"/> must already be escaped.</summary>
    public static IResult Page(HttpContext context, ConsoleUser? user, string title, string bodyHtml, DateTimeOffset now, TimeSpan refresh,
        string? current = null, int status = StatusCodes.Status200OK, string? signOut = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"robots\" content=\"noindex\">")
            .Append($"<title>{E(title)} · Escalations</title><link rel=\"stylesheet\" href=\"{Stylesheet}\"><script src=\"{Script}\" defer></script></head>")
            .Append($"<body data-server-now=\"{Iso(now)}\" data-refresh-ms=\"{(int)refresh.TotalMilliseconds}\">")
            .Append("<a class=\"skip\" href=\"#main\">Skip to content</a><header class=\"bar\"><p class=\"brand\">Escalations</p>");
        if (user is not null)
        {
            html.Append("<nav aria-label=\"Console\"><ul>");
            foreach (var (path, label, managementOnly) in Navigation)
            {
                if (managementOnly && !user.IsManager) continue;
                html.Append($"<li><a href=\"{path}\"{(path == current ? " aria-current=\"page\"" : "")}>{E(label)}</a></li>");
            }

            html.Append("</ul></nav><div class=\"who\">Signed in as <b>").Append(E(user.Name)).Append("</b> (").Append(E(user.Id)).Append(')')
                .Append(user.IsManager ? " · management" : "");
            if (signOut is not null) html.Append(signOut);
            html.Append("</div>");
        }

        html.Append("</header><main id=\"main\" tabindex=\"-1\"><h1>").Append(E(title)).Append("</h1>").Append(bodyHtml)
            .Append("</main><div id=\"live-status\" class=\"visually-hidden\" role=\"status\" aria-live=\"polite\"></div></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>A notice after an action, from a fixed list (never text from the query string).</summary>
    public static string Notice(string? code) => code switch
    {
        "picked-up" => Message("You picked up the call: you are now handling it."),
        "claimed" => Message("You own this callback."),
        "attempt-recorded" => Message("Call attempt recorded."),
        "completed" => Message("Callback completed."),
        "management-requested" => Message("The Management Team was asked for assistance."),
        "resolved" => Message("The escalation is closed as resolved."),
        _ => "",
    };

    private static string Message(string text) => $"<p class=\"notice\" role=\"status\">{E(text)}</p>";
}
