using System.Text;
using Escalations.Domain;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;
using static EscalationFunctions.Console.ConsoleHtml;

namespace EscalationFunctions.Console;

/// <summary>
/// One escalation: its state, the next step and caller script, pending timers, the actions open to the signed-in
/// person, and the Communication History Log in order. A medical disclosure shows as "Transferred to Customer
/// Service" and nothing more.
/// </summary>
public static class EscalationPage
{
    public const string MedicalSummary = "Transferred to Customer Service";

    public static async Task<IResult> ShowAsync(string id, HttpContext context, ConsoleIdentity identity, EscalationWorkflow workflow, TimeProvider time, CancellationToken ct)
    {
        var (user, instead) = ConsoleAccess.Require(context, identity, time);
        if (user is null) return instead!;
        if (!TableKeys.IsValidEscalationId(id))
            return ConsoleAccess.Render(context, user, identity, time, "Not an escalation id", "<p>Check the address.</p>", status: StatusCodes.Status400BadRequest);
        var stored = await workflow.GetAsync(id, ct);
        if (stored is null)
            return ConsoleAccess.Render(context, user, identity, time, "Escalation not found", $"<p>There is no escalation {E(id)}.</p>", status: StatusCodes.Status404NotFound);
        var history = await workflow.GetHistoryAsync(id, ct);
        var e = stored.State;
        var html = new StringBuilder(Notice(context.Request.Query["notice"]));
        if (IsMedical(e))
        {
            // Only the fact of the transfer: no disclosure kind, no instruction, no free text.
            html.Append($"<dl class=\"facts\"><dt>State</dt><dd>{E(MedicalSummary)}</dd><dt>Account</dt><dd><a href=\"{E(ConsolePaths.Account(e.AccountId))}\">{E(e.AccountId)}</a></dd>")
                .Append($"<dt>When</dt><dd>{E(Stamp(e.CreatedAt))}</dd></dl>");
            html.Append(HistoryTable("Communication History Log", history.Select(h => (h, (string?)null)), medical: true));
            return ConsoleAccess.Render(context, user, identity, time, $"Escalation {id}", html.ToString());
        }

        html.Append("<dl class=\"facts\">")
            .Append($"<dt>State</dt><dd><span class=\"state\">{E(Status(e.Status))}</span></dd>")
            .Append($"<dt>Account</dt><dd><a href=\"{E(ConsolePaths.Account(e.AccountId))}\">{E(e.AccountId)}</a></dd>")
            .Append($"<dt>Contact</dt><dd>{E(e.ContactId)}</dd>");
        if (e.Agent is { } a)
            html.Append($"<dt>Agent</dt><dd>{E(a.Name ?? a.Id)} ({E(a.Id)}), {(a.Affiliation == AgentAffiliation.Bpo ? "BPO, " + E(a.Vendor) : "in-house")}</dd>");
        if (e.CallbackPhone is { } phone) html.Append($"<dt>Callback number</dt><dd>{E(phone)}</dd>");
        if (!e.Threats.IsEmpty) html.Append($"<dt>Threats</dt><dd>{Threats(e.Threats)}</dd>");
        if (e.Supervisor is { } s) html.Append($"<dt>Supervisor</dt><dd>{E(s.ToString())}</dd>");
        if (e.Callback is { } c)
        {
            html.Append($"<dt>Callback requested</dt><dd>{E(Stamp(c.RequestedAt))}</dd>")
                .Append($"<dt>Callback due</dt><dd>{E(Stamp(c.DueAt))}{(e.Status.IsOpen() ? " · " + Countdown(c.DueAt) : "")}</dd>")
                .Append($"<dt>Owner</dt><dd>{E(c.Owner?.ToString() ?? "nobody yet")}</dd>");
            if (c.BreachedAt is { } b) html.Append($"<dt>Breached</dt><dd>{E(Stamp(b))}</dd>");
            if (e.RepeatCalls > 0) html.Append($"<dt>Repeat calls</dt><dd>{e.RepeatCalls}</dd>");
            if (c.Attempts > 0)
                html.Append($"<dt>Call attempts</dt><dd>{c.Attempts}{(c.LastAttempt is { } last ? $", the last {E(Stamp(last.At))} by {E(last.By.ToString())}: {E(Scripts.Outcome(last.Outcome))}" : "")}")
                    .Append(c.Unreachable ? " <span class=\"flag\">Unreachable</span>" : "").Append("</dd>");
        }

        if (e.Resolution is { } r) html.Append($"<dt>Resolution</dt><dd>{E(r.Text)} ({E(r.By.Name ?? r.By.Id)}, {E(Stamp(r.At))})</dd>");
        html.Append("</dl>");

        html.Append("<section aria-labelledby=\"next-step\"><h2 id=\"next-step\">Next step</h2>")
            .Append($"<p>{E(e.NextStep.Instruction)}</p>");
        if (e.NextStep.CallerScript is { } script) html.Append($"<p class=\"script\"><span class=\"label\">Say to the caller:</span> “{E(script)}”</p>");
        html.Append("</section>");

        if (!e.Timers.IsEmpty)
        {
            html.Append("<section aria-labelledby=\"timers\"><h2 id=\"timers\">Pending timers</h2><ul>");
            foreach (var t in e.Timers.OrderBy(t => t.DueAt)) html.Append($"<li>{E(TimerLabel(t.Kind))}: {E(Stamp(t.DueAt))} · {Countdown(t.DueAt)}</li>");
            html.Append("</ul></section>");
        }

        html.Append(ActionForms.For(context, e, user));
        html.Append(HistoryTable("Communication History Log", history.Select(h => (h, (string?)null)), medical: false));
        return ConsoleAccess.Render(context, user, identity, time, $"Escalation {id}", html.ToString());
    }

    public static bool IsMedical(Escalation e) => e.Disclosure is Disclosure.MedicalEmergency or Disclosure.HighRisk || e.Status == EscalationStatus.MedicalTransferred;

    /// <summary>The log as a table; a medical transfer's entry reads "Transferred to Customer Service" and nothing else.</summary>
    public static string HistoryTable(string caption, IEnumerable<(HistoryEntry Entry, string? EscalationLink)> entries, bool medical)
    {
        var rows = entries.ToList();
        var html = new StringBuilder($"<section aria-labelledby=\"log\"><h2 id=\"log\">{E(caption)}</h2>");
        if (rows.Count == 0) return html.Append("<p>No entries.</p></section>").ToString();
        var withEscalation = rows.Any(r => r.EscalationLink is not null);
        html.Append("<table class=\"log\"><thead><tr>").Append(withEscalation ? "<th scope=\"col\">Escalation</th>" : "<th scope=\"col\">#</th>")
            .Append("<th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">What</th><th scope=\"col\">Channel</th><th scope=\"col\">Details</th></tr></thead><tbody>");
        foreach (var (h, link) in rows)
        {
            var hide = medical || h.Action == HistoryAction.MedicalWarmTransferred;
            html.Append("<tr>").Append(link is not null ? $"<td><a href=\"{E(link)}\">{E(h.EscalationId)}</a></td>" : $"<td>{h.Sequence}</td>")
                .Append($"<td>{E(Stamp(h.At))}</td>")
                .Append($"<td>{E(hide ? h.Actor.Role.ToString() : $"{h.Actor.Name ?? h.Actor.Id} ({h.Actor.Role})")}</td>")
                .Append($"<td>{E(hide ? MedicalSummary : Words(h.Action.ToString()))}</td><td>{E(Words(h.Channel.ToString()))}</td>")
                .Append($"<td>{E(hide ? MedicalSummary + "." : h.Summary)}{(!hide && h.Delivery is { } d ? $" <span class=\"muted\">Delivered to {E(string.Join(", ", d.To))}.</span>" : "")}</td></tr>");
        }

        return html.Append("</tbody></table></section>").ToString();
    }

    private static string TimerLabel(TimerKind kind) => kind switch
    {
        TimerKind.SupervisorHold => "Hold ends",
        TimerKind.BreachWarning => "Owner warned",
        TimerKind.CallbackSla => "Callback due (SLA)",
        _ => kind.ToString(),
    };

    /// <summary>"CallbackRequestCreated" → "Callback request created".</summary>
    private static string Words(string name)
    {
        var text = new StringBuilder();
        foreach (var ch in name)
        {
            if (char.IsUpper(ch) && text.Length > 0) text.Append(' ').Append(char.ToLowerInvariant(ch));
            else text.Append(ch);
        }

        return text.ToString();
    }
}
