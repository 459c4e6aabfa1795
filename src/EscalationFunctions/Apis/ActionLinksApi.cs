using System.Net;
using Escalations.Domain;
using Escalations.Runtime.Workflow;
using Escalations.Notifications;
using EscalationFunctions.Console;
using EscalationFunctions.Http;

namespace EscalationFunctions.Apis;

/// <summary>
/// The pages behind the one-click links in emails. The person must sign in (as for the console) and acts as
/// themselves: holding a link is not enough to act as anyone. GET only shows what the link would do (mail scanners
/// follow links and must not act); the page's form POSTs back (with its CSRF token), and that applies the action
/// through the same domain transition as the API, once. A forged, altered, expired or used link gets a clear page
/// and changes nothing.
/// </summary>
public static class ActionLinksApi
{
    internal static async Task<IResult> ShowAsync(
        string token, HttpContext context, ActionLinks links, EscalationWorkflow workflow, ConsoleIdentity identity, TimeProvider time, CancellationToken ct)
    {
        var (link, problem) = links.Verify(token);
        if (problem is not null || link is null) return Refused(context, identity, time, problem ?? LinkProblem.Forged);
        // The person acts as themselves: someone holding the link must still sign in.
        var (user, instead) = ConsoleAccess.Require(context, identity, time);
        if (user is null) return instead!;
        if (NotAddressedTo(link, user) is { } wrong) return Page(context, identity, time, user, HttpStatusCode.Forbidden, "This link is for someone else", wrong);
        var stored = await workflow.GetAsync(link.EscalationId, ct);
        if (stored is null) return Page(context, identity, time, user, HttpStatusCode.NotFound, "Escalation not found", "This escalation no longer exists.");
        if (stored.State.AppliedEventIds.Contains(link.EventId))
            return Page(context, identity, time, user, HttpStatusCode.Conflict, "This link was already used", "Its action was carried out the first time; nothing more happens.");

        var e = stored.State;
        var extra = link.Action == LinkAction.RequestManagement
            ? "<p><label for=\"reason\">Why management is needed</label><br><textarea id=\"reason\" name=\"reason\" required maxlength=\"4000\" rows=\"4\" cols=\"60\"></textarea></p>"
            : "<p><label for=\"notes\">Notes (optional)</label><br><textarea id=\"notes\" name=\"notes\" maxlength=\"4000\" rows=\"3\" cols=\"60\"></textarea></p>";
        return Page(context, identity, time, user, HttpStatusCode.OK, ActionLinks.Title(link.Action),
            $"<p>Account <b>{H(e.AccountId)}</b>, escalation <a href=\"{H(ConsolePaths.Escalation(e.Id))}\">{H(e.Id)}</a>, now <b>{H(ConsoleHtml.Status(e.Status))}</b>"
            + (e.Callback is { } c ? $", callback due {H(Durations.Stamp(c.DueAt))}" : "") + ".</p>"
            + $"<form method=\"post\">{CsrfTokens.HiddenField(context)}<p>You act as <b>{H(user.Name)}</b> ({H(user.Id)}).</p>{extra}"
            + $"<p><button type=\"submit\">{H(ActionLinks.Title(link.Action))}</button></p></form>");
    }

    internal static async Task<IResult> ActAsync(
        string token, HttpContext context, ActionLinks links, EscalationWorkflow workflow, ConsoleIdentity identity, TimeProvider time, CancellationToken ct)
    {
        var request = context.Request;
        var (link, problem) = links.Verify(token);
        if (problem is not null || link is null) return Refused(context, identity, time, problem ?? LinkProblem.Forged);
        if (ConsoleIdentity.Current(context) is not { } user)
            return Page(context, identity, time, null, HttpStatusCode.Unauthorized, "Sign in first", "Open the link again and sign in.");
        if (NotAddressedTo(link, user) is { } wrong) return Page(context, identity, time, user, HttpStatusCode.Forbidden, "This link is for someone else", wrong);
        if (!request.HasFormContentType) return Page(context, identity, time, user, HttpStatusCode.UnsupportedMediaType, "Use the form", "Open the link and press the button.");
        var form = await request.ReadFormAsync(ct);
        if (!CsrfTokens.IsValid(context, form))
            return Page(context, identity, time, user, HttpStatusCode.Forbidden, "The form has expired", "Open the link again and press the button.");

        var reason = form["reason"].ToString().Trim();
        var notes = form["notes"].ToString().Trim();
        var rules = new RequestRules().Text("notes", notes)
            .Text("reason", reason, required: link.Action == LinkAction.RequestManagement);
        if (!rules.IsValid)
            return Page(context, identity, time, user, HttpStatusCode.BadRequest, "Please check the form", H(string.Join(" ", rules.Errors.Select(kv => $"{kv.Key}: {string.Join(" ", kv.Value)}"))));

        // No read first: a used link's event id is already applied, which the workflow answers as Unchanged.
        var by = user.AsSupervisor();
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
            WorkflowOutcome.Applied => Page(context, identity, time, user, HttpStatusCode.OK, "Done",
                $"{H(ActionLinks.Title(link.Action))}: done, as {H(user.Name)} ({H(user.Id)}). The escalation is now <b>{H(ConsoleHtml.Status(result.State!.Status))}</b>."),
            WorkflowOutcome.Unchanged => Page(context, identity, time, user, HttpStatusCode.Conflict, "This link was already used", "Its action was carried out the first time; nothing more happens."),
            WorkflowOutcome.Rejected => Page(context, identity, time, user, HttpStatusCode.Conflict, "Not possible now", H(result.Error!.Message)),
            _ => Page(context, identity, time, user, HttpStatusCode.NotFound, "Escalation not found", "This escalation no longer exists."),
        };
    }

    /// <summary>A link sent to one supervisor (such as the owner's breach warning) is for that supervisor only.</summary>
    private static string? NotAddressedTo(ActionLink link, ConsoleUser user) =>
        link.SupervisorId is { } addressee && !string.Equals(addressee, user.Id, StringComparison.OrdinalIgnoreCase)
            ? $"This link was sent to supervisor {H(addressee)}, and you are signed in as {H(user.Id)}."
            : null;

    private static IResult Refused(HttpContext context, ConsoleIdentity identity, TimeProvider time, LinkProblem problem) => problem == LinkProblem.Expired
        ? Page(context, identity, time, null, HttpStatusCode.Gone, "This link has expired", "Use the console instead, or ask for the request to be sent again.")
        : Page(context, identity, time, null, HttpStatusCode.Forbidden, "This link is not valid", "It was not issued by this service, or it was changed after it was sent.");

    /// <summary>The console's page layout (its stylesheet, security headers and escaping); <paramref name="bodyHtml"/> is escaped already.</summary>
    private static IResult Page(HttpContext context, ConsoleIdentity identity, TimeProvider time, ConsoleUser? user, HttpStatusCode status, string title, string bodyHtml) =>
        ConsoleHtml.Page(context, user, title, bodyHtml.StartsWith("<p>", StringComparison.Ordinal) ? bodyHtml : $"<p>{bodyHtml}</p>", time.GetUtcNow(), identity.Options.RefreshInterval, status: (int)status,
            signOut: user is null ? null : ConsoleAccess.SignOutControl(context, identity));

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
