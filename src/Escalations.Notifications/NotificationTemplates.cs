using System.Globalization;
using System.Net;
using System.Text;
using Escalations.Domain;
using Escalations.Runtime;

namespace Escalations.Notifications;

/// <summary>
/// One template per notification kind, each as plain text and HTML. Every value that came from a caller is
/// HTML-escaped. Nothing about a medical disclosure is ever shown: the disclosure field is not rendered at all.
/// </summary>
public static class NotificationTemplates
{
    public static RenderedEmail Render(Notification n, TimeZoneInfo zone, string? note = null, IReadOnlyList<(string Label, string Url)>? actions = null)
    {
        var e = n.Escalation;
        var (subject, headline, intro) = n.Kind switch
        {
            NotificationKind.CallbackRequest => (
                $"Supervisor Call Back Follow-Up Request: account {e.AccountId}, due {Due(e, zone)}",
                "Supervisor Call Back Follow-Up Request",
                $"No supervisor was available to take over this call. A supervisor must call the customer back by {Due(e, zone)}; the caller was told the turnaround is {Turnaround(e)}."),
            NotificationKind.ThreatFlagged => (
                $"Threat flagged on account {e.AccountId}: document the account",
                "Threat flagged",
                $"The customer threatened {string.Join(", ", e.Threats.Select(Scripts.Threat))}. Document the account accordingly."),
            NotificationKind.BreachWarning => (
                $"Callback due soon: account {e.AccountId}, due {Due(e, zone)}",
                "Callback due soon",
                $"This callback is due {Due(e, zone)} and has not been completed."),
            NotificationKind.SlaBreached => (
                $"Callback SLA breached: account {e.AccountId}",
                "Callback SLA breached",
                $"The callback was due {Due(e, zone)} and was not completed{Late(e)}. Owner: {e.Callback?.Owner?.ToString() ?? "nobody claimed it"}."),
            NotificationKind.ManagementAssistanceRequested => (
                $"Management assistance requested: account {e.AccountId}",
                "Management assistance requested",
                $"Supervisor {e.ManagementRequest?.By.ToString() ?? "(unknown)"} cannot resolve this escalation and asks the TS&R Management Team for help. Reason: {e.ManagementRequest?.Reason ?? "(none given)"}"),
            NotificationKind.CustomerCalledAgain => (
                $"Customer called again: account {e.AccountId}",
                "The customer called again",
                $"The customer called again while the callback request is open. It is still due {Due(e, zone)}."),
            NotificationKind.CallbackNumberWrong => (
                $"Callback number needs correcting: account {e.AccountId}",
                "The callback number needs correcting",
                $"A supervisor's callback attempt reached a wrong number{LastAttemptBy(e)}. Please confirm the customer's number with the agent and update the callback request. It is still due {Due(e, zone)}."),
            _ => throw new ArgumentOutOfRangeException(nameof(n), n.Kind, "This notification kind has no template."),
        };

        var facts = Facts(e, zone);
        var text = new StringBuilder();
        if (note is not null) text.Append(CultureInfo.InvariantCulture, $"Note: {note}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{headline}\n\n{intro}\n\n");
        foreach (var (label, value) in facts) text.Append(CultureInfo.InvariantCulture, $"{label}: {value}\n");
        if (actions is { Count: > 0 })
        {
            text.Append("\nAct on it (each link works once):\n");
            foreach (var (label, url) in actions) text.Append(CultureInfo.InvariantCulture, $"- {label}: {url}\n");
        }

        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:Segoe UI,Arial,sans-serif\">");
        if (note is not null) html.Append(CultureInfo.InvariantCulture, $"<p><em>{H(note)}</em></p>");
        html.Append(CultureInfo.InvariantCulture, $"<h2>{H(headline)}</h2><p>{H(intro)}</p><table>");
        foreach (var (label, value) in facts)
            html.Append(CultureInfo.InvariantCulture, $"<tr><th style=\"text-align:left;padding-right:1em\">{H(label)}</th><td>{H(value)}</td></tr>");
        html.Append("</table>");
        if (actions is { Count: > 0 })
        {
            html.Append("<p>Act on it (each link works once):</p><ul>");
            foreach (var (label, url) in actions) html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{H(url)}\">{H(label)}</a></li>");
            html.Append("</ul>");
        }

        html.Append("</body></html>");
        return new RenderedEmail(subject, text.ToString(), html.ToString());
    }

    private static List<(string Label, string Value)> Facts(Escalation e, TimeZoneInfo zone)
    {
        var facts = new List<(string, string)> { ("Account", e.AccountId) };
        if (e.CallbackPhone is not null) facts.Add(("Callback number", e.CallbackPhone));
        if (e.Agent is { } a) facts.Add(("Agent", a.IsBpo ? $"{a.Name} ({a.Id}), {a.Vendor}" : $"{a.Name} ({a.Id})"));
        if (e.Notes is not null) facts.Add(("Reason", e.Notes));
        if (!e.Threats.IsEmpty) facts.Add(("Threats", string.Join(", ", e.Threats.Select(Scripts.Threat))));
        if (e.Callback is { } c)
        {
            facts.Add(("Callback due", Due(e, zone)));
            if (c.Owner is { } owner) facts.Add(("Owner", owner.ToString()));
            if (c.LastAttempt is { } last)
                facts.Add(("Callback attempts", $"{c.Attempts}{(c.Unreachable ? " (customer unreachable)" : "")}; last: {Scripts.Outcome(last.Outcome)}, {Durations.Stamp(last.At)}"));
        }

        facts.Add(("Escalation", $"{e.Id} ({Status(e.Status)})"));
        return facts;
    }

    /// <summary>"2026-11-25 05:00 EST (2026-11-25 10:00 UTC)", or just UTC when that is the zone.</summary>
    internal static string Due(Escalation e, TimeZoneInfo zone)
    {
        if (e.Callback is not { } c) return "(no callback)";
        if (zone == TimeZoneInfo.Utc || zone.Id == "UTC") return Durations.Stamp(c.DueAt);
        var local = TimeZoneInfo.ConvertTime(c.DueAt, zone);
        return $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {zone.Id} ({Durations.Stamp(c.DueAt)})";
    }

    /// <summary>A medical transfer reads as a plain transfer: that a disclosure happened is itself not for email.</summary>
    private static string Status(EscalationStatus status) =>
        status == EscalationStatus.MedicalTransferred ? "TransferredToCustomerService" : status.ToString();

    private static string Turnaround(Escalation e) =>
        e.Callback is { } c ? Durations.Describe(c.DueAt - c.RequestedAt) : "(no callback)";

    private static string Late(Escalation e) =>
        e.Callback is { BreachedAt: { } at } c && at > c.DueAt ? $" ({Durations.Describe(at - c.DueAt)} late when checked)" : "";

    private static string LastAttemptBy(Escalation e) =>
        e.Callback?.LastAttempt is { } attempt ? $" (supervisor {attempt.By}, {Durations.Stamp(attempt.At)})" : "";

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
