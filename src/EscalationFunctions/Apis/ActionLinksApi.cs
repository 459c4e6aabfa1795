using System.Net;
using Escalations.Domain;
using Escalations.Runtime.Workflow;
using Escalations.Notifications;
using EscalationFunctions.Http;

namespace EscalationFunctions.Apis;

/// <summary>
/// The pages behind the one-click links in emails. GET only shows what the link would do (mail scanners follow
/// links and must not act); the page's form POSTs back, and that applies the action through the same domain
/// transition as the API, once. A forged, altered, expired or used link gets a clear page and changes nothing.
/// </summary>
public static class ActionLinksApi
{
    public static IEndpointRouteBuilder MapActionLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet(ActionLinks.Path + "/{token}", ShowAsync).WithTags("Email links").WithName("ActionLink").ExcludeFromDescription();
        app.MapPost(ActionLinks.Path + "/{token}", ActAsync).WithTags("Email links").WithName("ActOnActionLink").ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ShowAsync(string token, ActionLinks links, EscalationWorkflow workflow, CancellationToken ct)
    {
        var (link, problem) = links.Verify(token);
        if (problem is not null || link is null) return Refused(problem ?? LinkProblem.Forged);
        var stored = await workflow.GetAsync(link.EscalationId, ct);
        if (stored is null) return Page(HttpStatusCode.NotFound, "Escalation not found", "This escalation no longer exists.");
        if (stored.State.AppliedEventIds.Contains(link.EventId))
            return Page(HttpStatusCode.Conflict, "This link was already used", "Its action was carried out the first time; nothing more happens.");

        var e = stored.State;
        var supervisor = link.SupervisorId is { } id
            ? $"<input type=\"hidden\" name=\"supervisorId\" value=\"{H(id)}\"><p>As supervisor <b>{H(id)}</b>.</p>"
            : "<p><label>Your supervisor id <input name=\"supervisorId\" required maxlength=\"128\"></label></p>";
        var extra = link.Action == LinkAction.RequestManagement
            ? "<p><label>Why management is needed<br><textarea name=\"reason\" required maxlength=\"4000\" rows=\"4\" cols=\"60\"></textarea></label></p>"
            : "<p><label>Notes (optional)<br><textarea name=\"notes\" maxlength=\"4000\" rows=\"3\" cols=\"60\"></textarea></label></p>";
        return Page(HttpStatusCode.OK, ActionLinks.Title(link.Action),
            $"<p>Account <b>{H(e.AccountId)}</b>, escalation {H(e.Id)}, now <b>{H(e.Status.ToString())}</b>"
            + (e.Callback is { } c ? $", callback due {H(Durations.Stamp(c.DueAt))}" : "") + ".</p>"
            + $"<form method=\"post\">{supervisor}{extra}<p><button type=\"submit\">{H(ActionLinks.Title(link.Action))}</button></p></form>");
    }

    private static async Task<IResult> ActAsync(string token, HttpRequest request, ActionLinks links, EscalationWorkflow workflow, CancellationToken ct)
    {
        var (link, problem) = links.Verify(token);
        if (problem is not null || link is null) return Refused(problem ?? LinkProblem.Forged);
        if (!request.HasFormContentType) return Page(HttpStatusCode.UnsupportedMediaType, "Use the form", "Open the link and press the button.");
        var form = await request.ReadFormAsync(ct);

        var supervisorId = link.SupervisorId ?? form["supervisorId"].ToString().Trim();
        var reason = form["reason"].ToString().Trim();
        var notes = form["notes"].ToString().Trim();
        var rules = new RequestRules().Id("supervisorId", supervisorId).Text("notes", notes)
            .Text("reason", reason, required: link.Action == LinkAction.RequestManagement);
        if (!rules.IsValid)
            return Page(HttpStatusCode.BadRequest, "Please check the form", string.Join(" ", rules.Errors.Select(kv => $"{kv.Key}: {string.Join(" ", kv.Value)}")));

        // No read first: a used link's event id is already applied, which the workflow answers as Unchanged.
        var by = new SupervisorRef(supervisorId);
        var note = notes.Length > 0 ? notes : null;
        EscalationEvent evt = link.Action switch
        {
            LinkAction.ClaimCallback => new CallbackClaimed(by) { EventId = link.EventId },
            LinkAction.CompleteResolved => new CallbackCompleted(by, true, note) { EventId = link.EventId },
            LinkAction.CompleteNeedsManagement => new CallbackCompleted(by, false, note) { EventId = link.EventId },
            _ => new ManagementAssistanceRequested(by, reason) { EventId = link.EventId },
        };
        var result = await workflow.ApplyAsync(link.EscalationId, evt with { Channel = Channel.EmailLink }, ct);
        return result.Outcome switch
        {
            WorkflowOutcome.Applied => Page(HttpStatusCode.OK, "Done", $"{H(ActionLinks.Title(link.Action))}: done. The escalation is now <b>{H(result.State!.Status.ToString())}</b>."),
            WorkflowOutcome.Unchanged => Page(HttpStatusCode.Conflict, "This link was already used", "Its action was carried out the first time; nothing more happens."),
            WorkflowOutcome.Rejected => Page(HttpStatusCode.Conflict, "Not possible now", H(result.Error!.Message)),
            _ => Page(HttpStatusCode.NotFound, "Escalation not found", "This escalation no longer exists."),
        };
    }

    private static IResult Refused(LinkProblem problem) => problem == LinkProblem.Expired
        ? Page(HttpStatusCode.Gone, "This link has expired", "Use the escalation tools instead, or ask for the request to be sent again.")
        : Page(HttpStatusCode.Forbidden, "This link is not valid", "It was not issued by this service, or it was changed after it was sent.");

    private static IResult Page(HttpStatusCode status, string title, string bodyHtml) => Results.Content(
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\"><title>{H(title)}</title></head>"
        + $"<body style=\"font-family:Segoe UI,Arial,sans-serif;max-width:40em;margin:2em auto\"><h1>{H(title)}</h1>{bodyHtml}</body></html>",
        "text/html; charset=utf-8", statusCode: (int)status);

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
