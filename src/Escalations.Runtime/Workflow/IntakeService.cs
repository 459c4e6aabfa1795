using Escalations.Domain;
using Escalations.Runtime.Storage;

namespace Escalations.Runtime.Workflow;

/// <summary>
/// Starts escalations. Owns the repeat-call rule: a caller whose account already has an open callback request
/// (pending or breached) joins it, so a second call never starts a second 48-hour clock. Any entry point (the
/// API, a console, a queue) starts escalations through here.
/// </summary>
public sealed class IntakeService(EscalationWorkflow workflow, Projections projections, InProcessDispatch dispatch, EscalationTelemetry telemetry)
{
    /// <summary>
    /// Starts escalation <paramref name="escalationId"/> from <paramref name="intake"/>, or joins an open callback.
    /// Two storage round trips before the answer: the repeat-call lookup and the backstop message together, then
    /// the insert. A repeat call that joins an open callback takes one more (the callback's escalation is loaded).
    /// </summary>
    public async Task<IntakeResult> StartAsync(string escalationId, EscalationRequested intake, bool linkRepeatCalls, CancellationToken cancellationToken = default)
    {
        EscalationWorkflow.ValidateId(escalationId);
        var backstop = workflow.StartBackstop(escalationId, cancellationToken);
        try
        {
            if (linkRepeatCalls && IsLinkable(intake)
                && await projections.FindOpenCallbackAsync(intake.AccountId, cancellationToken).ConfigureAwait(false) is { } openId
                && openId != escalationId
                && await LinkAsync(escalationId, openId, intake, cancellationToken).ConfigureAwait(false) is { } joined)
            {
                dispatch.Forget(backstop);
                return joined;
            }
        }
        catch
        {
            dispatch.Forget(backstop);
            throw;
        }

        var result = await workflow.ApplyAsync(escalationId, intake, backstop, proceed: null, cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            WorkflowOutcome.Applied => new IntakeResult(IntakeOutcome.Created, result.State),
            WorkflowOutcome.Rejected => new IntakeResult(IntakeOutcome.Rejected, result.State, result.Error),
            _ => new IntakeResult(IntakeOutcome.AlreadyStarted, result.State),
        };
    }

    /// <summary>Only a plain supervisor request joins a callback: claims and disclosures follow their own paths.</summary>
    public static bool IsLinkable(EscalationRequested intake) =>
        IntakeClassification.Classify(intake) is IntakeClassification.SupervisorRequest { ClaimRelated: false };

    /// <summary>
    /// Records the repeat call on the open callback's escalation. Not when this intake already started its own
    /// escalation (a late retry, after the account's callback opened): that one is the answer. Null when the
    /// callback closed meanwhile, so a new escalation starts after all.
    /// </summary>
    private async Task<IntakeResult?> LinkAsync(string escalationId, string openId, EscalationRequested intake, CancellationToken cancellationToken)
    {
        var own = workflow.GetAsync(escalationId, cancellationToken);
        var repeat = new CustomerCalledAgain(intake.ContactId, intake.Agent) { EventId = "repeat:" + escalationId, Channel = intake.Channel };
        var linked = await workflow.ApplyAsync(openId, repeat, workflow.StartBackstop(openId, cancellationToken), IsAbsent(own), cancellationToken).ConfigureAwait(false);
        if (linked.Outcome == WorkflowOutcome.Applied) telemetry.RepeatCallLinked();
        return linked.Outcome switch
        {
            WorkflowOutcome.Applied or WorkflowOutcome.Unchanged => new IntakeResult(IntakeOutcome.Linked, linked.State),
            WorkflowOutcome.Skipped => new IntakeResult(IntakeOutcome.AlreadyStarted, (await own.ConfigureAwait(false))!.State),
            _ => null,
        };
    }

    private static async Task<bool> IsAbsent(Task<StoredEscalation?> load) => await load.ConfigureAwait(false) is null;
}
