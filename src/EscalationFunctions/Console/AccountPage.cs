using System.Text;
using Escalations.Runtime.Storage;
using EscalationFunctions.Http;
using static EscalationFunctions.Console.ConsoleHtml;

namespace EscalationFunctions.Console;

/// <summary>An account's history across its escalations, newest first, and its open escalations; found by account id.</summary>
public static class AccountPage
{
    public const int PageSize = 50;

    public static async Task<IResult> ShowAsync(HttpContext context, ConsoleIdentity identity, Projections projections, WorkQueueReader queues, TimeProvider time, CancellationToken ct)
    {
        var (user, instead) = ConsoleAccess.Require(context, identity, time);
        if (user is null) return instead!;
        var accountId = context.Request.Query["accountId"].ToString().Trim();
        var html = new StringBuilder($"<form class=\"filters\" method=\"get\" action=\"{ConsolePaths.Accounts}\" role=\"search\" aria-label=\"Find an account\">")
            .Append($"<p><label for=\"account-id\">Account id</label><input id=\"account-id\" name=\"accountId\" maxlength=\"128\" required value=\"{E(accountId)}\"></p>")
            .Append("<p><button type=\"submit\">Show history</button></p></form>");
        if (accountId.Length == 0) return ConsoleAccess.Render(context, user, identity, time, "Accounts", html.ToString(), ConsolePaths.Accounts);

        var rules = new RequestRules().Id("accountId", accountId);
        var scope = $"console-history|{accountId}";
        var token = rules.IsValid ? Paging.Token(NullIfEmpty(context.Request.Query["next"]), scope, rules) : null;
        if (!rules.IsValid)
        {
            html.Append($"<p class=\"problem\" role=\"alert\">{E(string.Join(" ", rules.Errors.SelectMany(kv => kv.Value)))}</p>");
            return ConsoleAccess.Render(context, user, identity, time, "Accounts", html.ToString(), ConsolePaths.Accounts, StatusCodes.Status400BadRequest);
        }

        var open = await queues.OpenForAccountAsync(accountId, ct);
        var page = await projections.GetAccountHistoryAsync(accountId, PageSize, token, ct);
        html.Append("<h2>Open escalations</h2>");
        if (open.Count > 0)
        {
            html.Append("<ul class=\"open\">");
            foreach (var e in open)
                html.Append($"<li><a href=\"{E(ConsolePaths.Escalation(e.EscalationId))}\">{E(e.EscalationId)}</a>: {E(Status(e.Status))}</li>");
            html.Append("</ul>");
        }
        else
        {
            html.Append("<p>No open escalations.</p>");
        }

        html.Append(EscalationPage.HistoryTable("Communication History Log, newest first", page.Items.Select(h => (h, (string?)ConsolePaths.Escalation(h.EscalationId))), medical: false));
        if (Paging.Encode(page.ContinuationToken, scope) is { } next)
            html.Append($"<p><a href=\"{E(ConsolePaths.Account(accountId) + "&next=" + Uri.EscapeDataString(next))}\">Older entries</a></p>");
        return ConsoleAccess.Render(context, user, identity, time, $"Account {accountId}", html.ToString(), ConsolePaths.Accounts);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
