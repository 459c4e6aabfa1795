using System.Globalization;
using System.Text;
using Escalations.Domain;
using Escalations.Notifications;
using Escalations.Runtime.Storage;
using EscalationFunctions.Http;
using static EscalationFunctions.Console.ConsoleHtml;

namespace EscalationFunctions.Console;

/// <summary>The work queues: who is holding now, the callback queue, and the management view. Each list is live.</summary>
public static class QueuePages
{
    public static async Task<IResult> HoldingAsync(HttpContext context, ConsoleIdentity identity, WorkQueueReader queues, TimeProvider time, CancellationToken ct)
    {
        var (user, instead) = ConsoleAccess.Require(context, identity, time);
        if (user is null) return instead!;
        var rows = await queues.HoldingAsync(ct);
        var html = new StringBuilder();
        html.Append($"<p class=\"count\">{rows.Count} {(rows.Count == 1 ? "caller is" : "callers are")} holding for a supervisor.</p>");
        if (rows.Count > 0)
        {
            html.Append("<table><caption>Holding for a supervisor, longest wait first</caption><thead><tr><th scope=\"col\">Escalation</th><th scope=\"col\">Account</th>")
                .Append("<th scope=\"col\">Agent</th><th scope=\"col\">Vendor</th><th scope=\"col\">Threats</th><th scope=\"col\">Holding since</th><th scope=\"col\">Hold ends</th><th scope=\"col\">Action</th></tr></thead><tbody>");
            foreach (var e in rows)
            {
                html.Append($"<tr id=\"row-{E(e.EscalationId)}\"><td><a href=\"{E(ConsolePaths.Escalation(e.EscalationId))}\">{E(e.EscalationId)}</a></td>")
                    .Append($"<td><a href=\"{E(ConsolePaths.Account(e.AccountId))}\">{E(e.AccountId)}</a></td><td>{E(e.AgentId)}</td><td>{E(e.Vendor ?? "in-house")}</td>")
                    .Append($"<td>{Threats(e.Threats)}</td><td>{E(Stamp(e.UpdatedAt))}</td>")
                    .Append($"<td>{(e.NextTimerDueAt is { } due ? Countdown(due) : "")}</td><td>")
                    .Append(ActionForm(context, e, "pickup", "Pick up", ConsolePaths.Holding)).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        return Respond(context, user, identity, time, "Holding now", ConsolePaths.Holding, ConsolePaths.Holding, html.ToString());
    }

    public static async Task<IResult> CallbacksAsync(
        HttpContext context, ConsoleIdentity identity, WorkQueueReader queues, RoutingOptions routing, EscalationOptions policy, TimeProvider time, CancellationToken ct)
    {
        var (user, instead) = ConsoleAccess.Require(context, identity, time);
        if (user is null) return instead!;
        var (filter, problems) = ReadFilter(context.Request);
        var rows = problems.IsValid ? await queues.CallbacksAsync(filter, user.Id, ct) : [];
        var now = time.GetUtcNow();
        var list = new StringBuilder();
        list.Append($"<p class=\"count\">{rows.Count} open callback {(rows.Count == 1 ? "request" : "requests")}{(filter.Query().Length > 0 ? rows.Count == 1 ? " matches the filters" : " match the filters" : "")}.</p>");
        if (rows.Count > 0)
        {
            var warnBefore = policy.CallbackSla - policy.BreachWarningDelay;
            list.Append("<table><caption>Callback requests, least time remaining first</caption><thead><tr><th scope=\"col\">Escalation</th><th scope=\"col\">Account</th>")
                .Append("<th scope=\"col\">State</th><th scope=\"col\">Due</th><th scope=\"col\">Owner</th><th scope=\"col\">Vendor</th><th scope=\"col\">Agent</th>")
                .Append("<th scope=\"col\">Threats</th><th scope=\"col\">Repeat calls</th><th scope=\"col\">Call attempts</th><th scope=\"col\">Actions</th></tr></thead><tbody>");
            foreach (var e in rows)
            {
                var due = e.CallbackDueAt ?? now;
                var warnAt = due - warnBefore;
                var phase = e.Status == EscalationStatus.SlaBreached || now >= due ? "breached" : now >= warnAt ? "warning" : "ok";
                list.Append($"<tr id=\"row-{E(e.EscalationId)}\" data-phase=\"{phase}\" data-warn=\"{Iso(warnAt)}\" data-due=\"{Iso(due)}\">")
                    .Append($"<td><a href=\"{E(ConsolePaths.Escalation(e.EscalationId))}\">{E(e.EscalationId)}</a></td>")
                    .Append($"<td><a href=\"{E(ConsolePaths.Account(e.AccountId))}\">{E(e.AccountId)}</a></td>")
                    .Append($"<td><span class=\"phase\">{E(PhaseLabel(phase))}</span></td><td>{Countdown(due)}</td>")
                    .Append($"<td>{(e.SupervisorId is null ? "<span class=\"muted\">nobody</span>" : E(e.SupervisorId == user.Id ? $"{e.SupervisorId} (you)" : e.SupervisorId))}</td>")
                    .Append($"<td>{E(e.Vendor ?? "in-house")}</td><td>{E(e.AgentId)}</td><td>{Threats(e.Threats)}</td><td>{e.RepeatCalls}</td><td>{Attempts(e)}</td><td class=\"actions\">");
                if (e.SupervisorId is null) list.Append(ActionForm(context, e, "claim", "Claim", ConsolePaths.Callbacks + filter.Query()));
                if (e.SupervisorId is null || e.SupervisorId == user.Id) list.Append(AttemptForm(context, e, ConsolePaths.Callbacks + filter.Query()));
                list.Append($"<a href=\"{E(ConsolePaths.Escalation(e.EscalationId))}\" aria-label=\"Open {E(e.EscalationId)}\">Open</a></td></tr>");
            }

            list.Append("</tbody></table>");
        }

        var form = FilterForm(filter, routing, problems);
        return Respond(context, user, identity, time, "Callback queue", ConsolePaths.Callbacks, ConsolePaths.Callbacks + filter.Query(), list.ToString(), form);
    }

    public static async Task<IResult> ManagementAsync(HttpContext context, ConsoleIdentity identity, WorkQueueReader queues, TimeProvider time, CancellationToken ct)
    {
        var (user, instead) = ConsoleAccess.Require(context, identity, time, management: true);
        if (user is null) return instead!;
        var rows = await queues.ManagementAsync(ct);
        var html = new StringBuilder();
        html.Append($"<p class=\"count\">{rows.Count(r => r.Status == EscalationStatus.SlaBreached)} breached, {rows.Count(r => r.Status == EscalationStatus.ManagementEngaged)} with management.</p>");
        if (rows.Count > 0)
        {
            html.Append("<table><caption>Breached callbacks (oldest breach first), then escalations with management</caption><thead><tr><th scope=\"col\">Escalation</th>")
                .Append("<th scope=\"col\">Account</th><th scope=\"col\">State</th><th scope=\"col\">Breached or since</th><th scope=\"col\">Supervisor</th>")
                .Append("<th scope=\"col\">Vendor</th><th scope=\"col\">Agent</th><th scope=\"col\">Threats</th><th scope=\"col\">Repeat calls</th><th scope=\"col\">Call attempts</th></tr></thead><tbody>");
            foreach (var e in rows)
            {
                var since = e.Status == EscalationStatus.SlaBreached ? e.CallbackDueAt ?? e.UpdatedAt : e.UpdatedAt;
                html.Append($"<tr id=\"row-{E(e.EscalationId)}\" data-phase=\"{(e.Status == EscalationStatus.SlaBreached ? "breached" : "engaged")}\">")
                    .Append($"<td><a href=\"{E(ConsolePaths.Escalation(e.EscalationId))}\">{E(e.EscalationId)}</a></td>")
                    .Append($"<td><a href=\"{E(ConsolePaths.Account(e.AccountId))}\">{E(e.AccountId)}</a></td><td><span class=\"phase\">{E(Status(e.Status))}</span></td>")
                    .Append($"<td>{Countdown(since)}</td><td>{E(e.SupervisorId ?? "nobody")}</td><td>{E(e.Vendor ?? "in-house")}</td><td>{E(e.AgentId)}</td>")
                    .Append($"<td>{Threats(e.Threats)}</td><td>{e.RepeatCalls}</td><td>{Attempts(e)}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        return Respond(context, user, identity, time, "Management view", ConsolePaths.Management, ConsolePaths.Management, html.ToString());
    }

    /// <summary>A one-button form acting on one escalation at the version shown, so a double click is one event.</summary>
    internal static string ActionForm(HttpContext context, IndexEntry e, string action, string label, string returnTo) =>
        $"<form class=\"inline\" method=\"post\" action=\"{E(ConsolePaths.Escalation(e.EscalationId))}/{action}\">{CsrfTokens.HiddenField(context)}"
        + $"<input type=\"hidden\" name=\"version\" value=\"{e.Version}\"><input type=\"hidden\" name=\"returnTo\" value=\"{E(returnTo)}\">"
        + $"<button type=\"submit\" id=\"{action}-{E(e.EscalationId)}\" aria-label=\"{E(label)} {E(e.EscalationId)}\">{E(label)}</button></form>";

    /// <summary>The row's call attempts: how many, the last outcome, and the unreachable flag.</summary>
    private static string Attempts(IndexEntry e) =>
        e.CallbackAttempts == 0
            ? "0"
            : $"{e.CallbackAttempts}{(e.LastAttemptOutcome is { } o ? $" <span class=\"muted\">(last: {E(Scripts.Outcome(o))})</span>" : "")}"
              + (e.Unreachable ? " <span class=\"flag\">Unreachable</span>" : "");

    /// <summary>Record a call that did not reach the customer, from the queue: the outcome and one button.</summary>
    private static string AttemptForm(HttpContext context, IndexEntry e, string returnTo) =>
        $"<form class=\"inline attempt\" method=\"post\" action=\"{E(ConsolePaths.Escalation(e.EscalationId))}/attempt\">{CsrfTokens.HiddenField(context)}"
        + $"<input type=\"hidden\" name=\"version\" value=\"{e.Version}\"><input type=\"hidden\" name=\"returnTo\" value=\"{E(returnTo)}\">"
        + $"<select name=\"outcome\" id=\"outcome-{E(e.EscalationId)}\" aria-label=\"Call attempt outcome for {E(e.EscalationId)}\">{ActionForms.OutcomeOptions}</select>"
        + $"<button type=\"submit\" id=\"attempt-{E(e.EscalationId)}\" aria-label=\"Record attempt {E(e.EscalationId)}\">Record attempt</button></form>";

    private static string PhaseLabel(string phase) => phase switch
    {
        "breached" => "Breached",
        "warning" => "Warning",
        _ => "On time",
    };

    private static IResult Respond(HttpContext context, ConsoleUser user, ConsoleIdentity identity, TimeProvider time,
        string title, string current, string here, string fragment, string before = "")
    {
        if (LiveFragment.IsRequested(context.Request)) return LiveFragment.Respond(context, fragment);
        var notice = Notice(context.Request.Query["notice"]);
        return ConsoleAccess.Render(context, user, identity, time, title, notice + before + LiveFragment.Region(here, fragment), current);
    }

    private static (CallbackFilter Filter, RequestRules Problems) ReadFilter(HttpRequest request)
    {
        var problems = new RequestRules();
        var vendor = Blank(request.Query["vendor"]);
        var owner = Blank(request.Query["owner"]);
        if (vendor is not null) problems.Name("vendor", vendor);
        if (owner is not null) problems.Id("owner", owner);
        DateTimeOffset? dueBefore = null;
        if (Blank(request.Query["dueBefore"]) is { } raw)
        {
            // From <input type="datetime-local">, read as UTC (the page says so).
            if (DateTime.TryParseExact(raw, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
                dueBefore = new DateTimeOffset(d, TimeSpan.Zero);
            else problems.Check(false, "dueBefore", "A date and time, such as 2026-11-25T17:00.");
        }

        var filter = new CallbackFilter(problems.Errors.ContainsKey("vendor") ? null : vendor, problems.Errors.ContainsKey("owner") ? null : owner,
            request.Query["mine"] == "on", dueBefore, request.Query["unreachable"] == "on");
        return (filter, problems);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string FilterForm(CallbackFilter filter, RoutingOptions routing, RequestRules problems)
    {
        var html = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"" + ConsolePaths.Callbacks + "\" role=\"search\" aria-label=\"Filter the callback queue\">");
        html.Append("<p><label for=\"f-vendor\">Vendor</label><select id=\"f-vendor\" name=\"vendor\"><option value=\"\">Any</option>");
        foreach (var vendor in routing.Vendors.Keys.Order(StringComparer.OrdinalIgnoreCase))
            html.Append($"<option{(string.Equals(vendor, filter.Vendor, StringComparison.OrdinalIgnoreCase) ? " selected" : "")}>{E(vendor)}</option>");
        html.Append("</select></p>")
            .Append($"<p><label for=\"f-owner\">Owner (supervisor id)</label><input id=\"f-owner\" name=\"owner\" maxlength=\"128\" value=\"{E(filter.Owner)}\"></p>")
            .Append($"<p><input type=\"checkbox\" id=\"f-mine\" name=\"mine\"{(filter.Mine ? " checked" : "")}><label for=\"f-mine\">Mine only</label></p>")
            .Append($"<p><input type=\"checkbox\" id=\"f-unreachable\" name=\"unreachable\"{(filter.Unreachable ? " checked" : "")}><label for=\"f-unreachable\">Unreachable only</label></p>")
            .Append($"<p><label for=\"f-due\">Due before (UTC)</label><input type=\"datetime-local\" id=\"f-due\" name=\"dueBefore\" value=\"{E(filter.DueBefore?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture))}\"></p>")
            .Append("<p><button type=\"submit\">Filter</button> <a href=\"").Append(ConsolePaths.Callbacks).Append("\">Clear</a></p></form>");
        if (!problems.IsValid)
            html.Append("<p class=\"problem\" role=\"alert\">").Append(E(string.Join(" ", problems.Errors.Select(kv => $"{kv.Key}: {string.Join(" ", kv.Value)}")))).Append("</p>");
        return html.ToString();
    }
}
