using System.Globalization;
using Escalations.Domain;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;
using EscalationFunctions.Http;
using static EscalationFunctions.Console.ConsoleHtml;

namespace EscalationFunctions.Console;

/// <summary>
/// The console's buttons: each form posts here, and the action is applied through the same workflow the API
/// uses, as the signed-in person, on channel Console. The event id is the person, the action and the version the
/// page showed, so a double click is one event and a stale page gets the domain's answer for the state now.
/// </summary>
public static class ConsoleActions
{
    public static readonly string[] Names = ["pickup", "claim", "attempt", "complete", "management", "resolve"];

    public static async Task<IResult> ActAsync(string id, string action, HttpContext context, ConsoleIdentity identity, EscalationWorkflow workflow, TimeProvider time, CancellationToken ct)
    {
        if (ConsoleIdentity.Current(context) is not { } user)
            return ConsolePage(context, identity, time, StatusCodes.Status401Unauthorized, "Sign in first", "<p>Actions are taken as the signed-in person.</p>");
        if (!context.Request.HasFormContentType)
            return Render(context, user, identity, time, StatusCodes.Status415UnsupportedMediaType, "Use the form", "<p>Press the button on the page.</p>");
        var form = await context.Request.ReadFormAsync(ct);
        if (!CsrfTokens.IsValid(context, form))
            return Render(context, user, identity, time, StatusCodes.Status403Forbidden, "The form has expired", "<p>Reload the page and try again.</p>");
        if (!TableKeys.IsValidEscalationId(id) || !Names.Contains(action))
            return Render(context, user, identity, time, StatusCodes.Status404NotFound, "Not found", "<p>There is no such action.</p>");

        var notes = Text(form["notes"]);
        var reason = Text(form["reason"]);
        var resolution = Text(form["resolution"]);
        var resolved = form["resolved"].ToString();
        CallbackOutcome? outcome = form["outcome"].ToString() switch
        {
            "noAnswer" => CallbackOutcome.NoAnswer,
            "voicemailLeft" => CallbackOutcome.VoicemailLeft,
            "wrongNumber" => CallbackOutcome.WrongNumber,
            _ => null,
        };
        var rules = new RequestRules()
            .Check(int.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version), "version", "Reload the page.")
            .Text("notes", notes)
            .Text("reason", reason, required: action == "management")
            .Text("resolution", resolution, required: action == "resolve")
            .Check(action != "complete" || resolved is "true" or "false", "resolved", "Choose whether the callback resolved the issue.")
            .Check(action != "attempt" || outcome is not null, "outcome", "Choose how the call ended.");
        if (!rules.IsValid)
            return Render(context, user, identity, time, StatusCodes.Status400BadRequest, "Please check the form",
                "<ul>" + string.Concat(rules.Errors.Select(kv => $"<li>{E(kv.Key)}: {E(string.Join(" ", kv.Value))}</li>")) + "</ul>" + Back(id));

        var by = user.AsSupervisor();
        var eventId = $"console:{action}:{user.Id}:v{version}";
        EscalationEvent evt = action switch
        {
            "pickup" => new SupervisorPickedUp(by) { EventId = eventId, Channel = Channel.Console },
            "claim" => new CallbackClaimed(by) { EventId = eventId, Channel = Channel.Console },
            "attempt" => new CallbackAttempted(by, outcome!.Value, time.GetUtcNow(), notes) { EventId = eventId, Channel = Channel.Console },
            "complete" => new CallbackCompleted(by, resolved == "true", notes) { EventId = eventId, Channel = Channel.Console },
            "management" => new ManagementAssistanceRequested(by, reason!) { EventId = eventId, Channel = Channel.Console },
            _ => new EscalationResolved(by, resolution!, ByManagement: user.IsManager) { EventId = eventId, Channel = Channel.Console },
        };

        var result = await workflow.ApplyAsync(id, evt, ct);
        if (result.Outcome == WorkflowOutcome.NotFound)
            return Render(context, user, identity, time, StatusCodes.Status404NotFound, "Escalation not found", $"<p>There is no escalation {E(id)}.</p>");
        if (result.Outcome == WorkflowOutcome.Rejected)
        {
            // Someone was faster, or the state moved on: say so plainly, as the API's 409 does.
            return Render(context, user, identity, time, StatusCodes.Status409Conflict, "Not possible now",
                $"<p class=\"problem\" role=\"alert\">{E(result.Error!.Message)}</p>{Back(id)}");
        }

        var notice = action switch
        {
            "pickup" => "picked-up",
            "claim" => "claimed",
            "attempt" => "attempt-recorded",
            "complete" => "completed",
            "management" => "management-requested",
            _ => "resolved",
        };
        var to = action == "pickup" ? ConsolePaths.Escalation(id) : ConsolePaths.LocalOr(form["returnTo"], ConsolePaths.Escalation(id));
        // 303: the browser follows with a GET, so a reload does not post again.
        context.Response.Headers.Location = to + (to.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "notice=" + notice;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Back(string id) =>
        $"<p><a href=\"{E(ConsolePaths.Escalation(id))}\">Back to the escalation</a> · <a href=\"{ConsolePaths.Holding}\">Holding now</a> · <a href=\"{ConsolePaths.Callbacks}\">Callback queue</a></p>";

    private static IResult Render(HttpContext context, ConsoleUser user, ConsoleIdentity identity, TimeProvider time, int status, string title, string body) =>
        ConsoleAccess.Render(context, user, identity, time, title, body, status: status);

    private static IResult ConsolePage(HttpContext context, ConsoleIdentity identity, TimeProvider time, int status, string title, string body) =>
        ConsoleHtml.Page(context, null, title, body, time.GetUtcNow(), identity.Options.RefreshInterval, status: status);
}
