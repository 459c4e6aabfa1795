using System.Text;
using Escalations.Domain;
using static EscalationFunctions.Console.ConsoleHtml;

namespace EscalationFunctions.Console;

/// <summary>The forms an escalation page offers, those its current state allows.</summary>
public static class ActionForms
{
    public static string For(HttpContext context, Escalation e, ConsoleUser user)
    {
        var forms = new StringBuilder();
        switch (e.Status)
        {
            case EscalationStatus.AwaitingSupervisor:
                forms.Append(Form(context, e, "pickup", "Pick up the call", ""));
                break;
            case EscalationStatus.CallbackPending or EscalationStatus.SlaBreached:
                if (e.Callback?.Owner?.Id != user.Id) forms.Append(Form(context, e, "claim", e.Callback?.Owner is null ? "Claim this callback" : "Claim (someone else owns it)", ""));
                if (e.Callback?.Owner is null || e.Callback.Owner.Id == user.Id)
                    forms.Append(Form(context, e, "attempt", "Record the call attempt",
                        $"<p><label for=\"attempt-outcome\">The call did not reach the customer</label><select id=\"attempt-outcome\" name=\"outcome\">{OutcomeOptions}</select></p>"
                        + "<p><label for=\"attempt-notes\">Notes on the attempt (optional)</label><textarea id=\"attempt-notes\" name=\"notes\" maxlength=\"4000\" rows=\"2\"></textarea></p>"));
                forms.Append(Form(context, e, "complete", "Complete the callback",
                    "<fieldset><legend>Outcome of the callback</legend>"
                    + "<p><input type=\"radio\" id=\"resolved-yes\" name=\"resolved\" value=\"true\" required><label for=\"resolved-yes\">Resolved</label></p>"
                    + "<p><input type=\"radio\" id=\"resolved-no\" name=\"resolved\" value=\"false\"><label for=\"resolved-no\">Not resolved: needs management</label></p></fieldset>"
                    + "<p><label for=\"complete-notes\">Notes on the callback (optional)</label><textarea id=\"complete-notes\" name=\"notes\" maxlength=\"4000\" rows=\"3\"></textarea></p>"));
                forms.Append(ManagementForm(context, e));
                break;
            case EscalationStatus.SupervisorHandling:
                forms.Append(ResolveForm(context, e)).Append(ManagementForm(context, e));
                break;
            case EscalationStatus.ManagementEngaged:
                forms.Append(ResolveForm(context, e));
                break;
        }

        return forms.Length == 0 ? "" : $"<section aria-labelledby=\"actions\"><h2 id=\"actions\">Actions</h2>{forms}</section>";
    }

    /// <summary>The outcomes of a call that did not reach the customer (CallbackOutcome), as select options.</summary>
    public static readonly string OutcomeOptions =
        "<option value=\"noAnswer\">No answer</option><option value=\"voicemailLeft\">No answer, voicemail left</option><option value=\"wrongNumber\">Wrong number</option>";

    private static string ManagementForm(HttpContext context, Escalation e) => Form(context, e, "management", "Request management assistance",
        "<p><label for=\"management-reason\">Why management is needed</label><textarea id=\"management-reason\" name=\"reason\" required maxlength=\"4000\" rows=\"3\"></textarea></p>");

    private static string ResolveForm(HttpContext context, Escalation e) => Form(context, e, "resolve", "Close as resolved",
        "<p><label for=\"resolution\">How it was resolved</label><textarea id=\"resolution\" name=\"resolution\" required maxlength=\"4000\" rows=\"3\"></textarea></p>");

    private static string Form(HttpContext context, Escalation e, string action, string label, string fields) =>
        $"<form class=\"action\" method=\"post\" action=\"{E(ConsolePaths.Escalation(e.Id))}/{action}\">{CsrfTokens.HiddenField(context)}"
        + $"<input type=\"hidden\" name=\"version\" value=\"{e.Version}\">{fields}<p><button type=\"submit\" id=\"{action}\">{E(label)}</button></p></form>";
}
