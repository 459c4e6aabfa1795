using Escalations.Domain;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;
using EscalationFunctions.Http;

namespace EscalationFunctions.Apis;

/// <summary>The escalation functions the contact-center platform, supervisors and management call.</summary>
public static class EscalationsApi
{
    // Each action maps its body to a domain event; the event id placeholder is replaced by EventIds.For in ApplyAsync.
    internal static Task<IResult> ReportDeEscalationAsync(string id, HttpRequest request, EscalationWorkflow workflow, ApiOptions options, CancellationToken ct) =>
        ApplyAsync<DeEscalationRequest>(id, "deescalation", request, workflow, options,
            RequestValidation.Check, r => new DeEscalationAttempted(r.Resolved, r.Notes) { EventId = "" }, null, ct);

    internal static Task<IResult> ReportNoSupervisorAvailableAsync(string id, HttpRequest request, EscalationWorkflow workflow, ApiOptions options, CancellationToken ct) =>
        ApplyAsync<NoSupervisorRequest>(id, "no-supervisor-available", request, workflow, options,
            RequestValidation.Check, _ => new NoSupervisorAvailable { EventId = "" }, () => new NoSupervisorRequest(), ct);

    internal static Task<IResult> RequestSupervisorGuidanceAsync(string id, HttpRequest request, EscalationWorkflow workflow, ApiOptions options, CancellationToken ct) =>
        ApplyAsync<SupervisorGuidanceRequest>(id, "guidance", request, workflow, options,
            RequestValidation.Check, r => new SupervisorGuidanceRequested(new SupervisorRef(r.SupervisorId, r.SupervisorName), r.Notes) { EventId = "", Channel = ChannelOf(r.Channel, Channel.ContactCenter) }, null, ct);

    internal static Task<IResult> PickUpEscalationAsync(string id, HttpRequest request, EscalationWorkflow workflow, ApiOptions options, CancellationToken ct) =>
        ApplyAsync<SupervisorRequest>(id, "pickup", request, workflow, options,
            RequestValidation.Check, r => new SupervisorPickedUp(new SupervisorRef(r.SupervisorId, r.SupervisorName)) { EventId = "", Channel = Channel.Api }, null, ct);

    internal static Task<IResult> ClaimCallbackAsync(string id, HttpRequest request, EscalationWorkflow workflow, ApiOptions options, CancellationToken ct) =>
        ApplyAsync<SupervisorRequest>(id, "callback/claim", request, workflow, options,
            RequestValidation.Check, r => new CallbackClaimed(new SupervisorRef(r.SupervisorId, r.SupervisorName)) { EventId = "", Channel = Channel.Api }, null, ct);

    internal static Task<IResult> RecordCallbackAttemptAsync(string id, HttpRequest request, EscalationWorkflow workflow, ApiOptions options, CancellationToken ct) =>
        ApplyAsync<CallbackAttemptRequest>(id, "callback/attempts", request, workflow, options,
            RequestValidation.Check, r => new CallbackAttempted(new SupervisorRef(r.SupervisorId, r.SupervisorName), r.Outcome, r.AttemptedAt, r.Notes) { EventId = "", Channel = Channel.Api }, null, ct);

    internal static Task<IResult> CompleteCallbackAsync(string id, HttpRequest request, EscalationWorkflow workflow, ApiOptions options, CancellationToken ct) =>
        ApplyAsync<CompleteCallbackRequest>(id, "callback/complete", request, workflow, options,
            RequestValidation.Check, r => new CallbackCompleted(new SupervisorRef(r.SupervisorId, r.SupervisorName), r.Resolved, r.Notes) { EventId = "", Channel = Channel.Api }, null, ct);

    internal static Task<IResult> RequestManagementAssistanceAsync(string id, HttpRequest request, EscalationWorkflow workflow, ApiOptions options, CancellationToken ct) =>
        ApplyAsync<ManagementAssistanceRequest>(id, "management-assistance", request, workflow, options,
            RequestValidation.Check, r => new ManagementAssistanceRequested(new SupervisorRef(r.SupervisorId, r.SupervisorName), r.Reason) { EventId = "", Channel = ChannelOf(r.Channel, Channel.Api) }, null, ct);

    internal static Task<IResult> ReportThreatsAsync(string id, HttpRequest request, EscalationWorkflow workflow, ApiOptions options, CancellationToken ct) =>
        ApplyAsync<ThreatsRequest>(id, "threats", request, workflow, options,
            RequestValidation.Check, r => new ThreatsReported(r.Kinds.Distinct().ToList()) { EventId = "" }, null, ct);

    internal static Task<IResult> ResolveEscalationAsync(string id, HttpRequest request, EscalationWorkflow workflow, ApiOptions options, CancellationToken ct) =>
        ApplyAsync<ResolveRequest>(id, "resolve", request, workflow, options,
            RequestValidation.Check, r => new EscalationResolved(new SupervisorRef(r.By, r.ByName), r.Resolution) { EventId = "", Channel = Channel.Api }, null, ct);

    private static async Task<IResult> ApplyAsync<TBody>(
        string id, string action, HttpRequest request, EscalationWorkflow workflow, ApiOptions options,
        Func<TBody, RequestRules> rules, Func<TBody, EscalationEvent> toEvent, Func<TBody>? empty, CancellationToken ct)
        where TBody : class
    {
        if (!TableKeys.IsValidEscalationId(id)) return Problems.Validation("id", "Not an escalation id.");
        var (key, keyProblem) = EventIds.ReadKey(request);
        if (keyProblem is not null) return keyProblem;

        TBody? body;
        if (empty is not null && request.ContentLength is 0 or null && !request.Headers.ContainsKey("Transfer-Encoding"))
        {
            // This action needs no body; an empty one means "no details".
            body = empty();
        }
        else
        {
            (body, var problem) = await ApiJson.ReadAsync(request, options.MaxBodyBytes, ct, empty);
            if (problem is not null) return problem;
        }

        var check = rules(body!);
        if (!check.IsValid) return Problems.Validation(check.Errors);

        var evt = toEvent(body!) with { EventId = EventIds.For(key, id, action, body) };
        var result = await workflow.ApplyAsync(id, evt, ct);
        return result.Outcome switch
        {
            WorkflowOutcome.NotFound => Problems.NotFound(id),
            WorkflowOutcome.Rejected => Problems.NotAllowed(result.Error!),
            _ => TypedResults.Ok(EscalationView.From(result.State!)),
        };
    }

    internal static async Task<IResult> StartAsync(
        HttpRequest request, IntakeService intakes, ApiOptions options, CancellationToken ct)
    {
        var (key, keyProblem) = EventIds.ReadKey(request);
        if (keyProblem is not null) return keyProblem;
        var (body, problem) = await ApiJson.ReadAsync<StartEscalationRequest>(request, options.MaxBodyBytes, ct);
        if (problem is not null) return problem;
        var check = RequestValidation.Check(body!);
        if (!check.IsValid) return Problems.Validation(check.Errors);

        var id = EventIds.EscalationIdFor(key ?? body!.ContactId);
        var agent = new Agent(body!.Agent.Id, body.Agent.Name, body.Agent.Affiliation, body.Agent.Vendor);
        var intake = new EscalationRequested(body.ContactId, body.AccountId, agent, body.Category, body.Disclosure,
            body.ServiceRequestInProgress ?? false, body.Threats?.Distinct().ToList(), body.CallbackPhone, body.Notes) { EventId = "intake:" + id };
        var result = await intakes.StartAsync(id, intake, options.LinkRepeatCalls, ct);
        return result.Outcome switch
        {
            IntakeOutcome.Created => TypedResults.Created($"/api/escalations/{id}", EscalationView.From(result.State!)),
            IntakeOutcome.Linked => TypedResults.Ok(EscalationView.From(result.State!, linked: true)),
            IntakeOutcome.Rejected => Problems.NotAllowed(result.Error!),
            _ => TypedResults.Ok(EscalationView.From(result.State!)),
        };
    }

    internal static async Task<IResult> GetAsync(string id, EscalationWorkflow workflow, CancellationToken ct)
    {
        if (!TableKeys.IsValidEscalationId(id)) return Problems.Validation("id", "Not an escalation id.");
        var stored = await workflow.GetAsync(id, ct);
        if (stored is null) return Problems.NotFound(id);
        var history = await workflow.GetHistoryAsync(id, ct);
        return TypedResults.Ok(EscalationView.From(stored.State, history));
    }

    internal static async Task<IResult> ListAsync(
        Projections projections, ApiOptions options, CancellationToken ct,
        string? status = null, string? vendor = null, string? supervisorId = null,
        string? accountId = null, string? dueBefore = null, string? unreachable = null,
        string? pageSize = null, string? next = null)
    {
        var errors = new RequestRules();
        EscalationStatus? statusFilter = null;
        if (status is not null)
        {
            // One name: Enum.TryParse would also take "a,b" (flags) and numbers.
            if (status.All(char.IsAsciiLetter) && Enum.TryParse<EscalationStatus>(status, ignoreCase: true, out var parsed) && parsed.IsOpen()) statusFilter = parsed;
            else errors.Check(false, "status", $"One of: {string.Join(", ", EscalationStatusExtensions.OpenStates.Select(s => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(s.ToString())))}.");
        }

        if (vendor is not null) errors.Name("vendor", vendor);
        if (supervisorId is not null) errors.Id("supervisorId", supervisorId);
        if (accountId is not null) errors.Id("accountId", accountId);
        DateTimeOffset? due = null;
        if (dueBefore is not null)
        {
            // RFC 3339 only, as the document says: "1/2/2026" means different days in different places.
            if (Rfc3339.TryParse(dueBefore, out var d)) due = d;
            else errors.Check(false, "dueBefore", "An RFC 3339 date and time, such as 2026-11-25T17:00:00Z.");
        }

        bool? unreachableFilter = unreachable switch { "true" => true, "false" => false, _ => null };
        errors.Check(unreachable is null || unreachableFilter is not null, "unreachable", "true or false.");

        var size = Paging.Size(pageSize, options, errors);
        var scope = $"open|{statusFilter}|{vendor}|{supervisorId}|{accountId}|{due:O}|{unreachableFilter}";
        var token = Paging.Token(next, scope, errors);
        if (!errors.IsValid) return Problems.Validation(errors.Errors);

        var page = await projections.ListOpenAsync(statusFilter, vendor, supervisorId, due, size, token, accountId, unreachableFilter, ct);
        return TypedResults.Ok(new PageView<IndexEntry>(page.Items, Paging.Encode(page.ContinuationToken, scope)));
    }

    internal static async Task<IResult> AccountHistoryAsync(
        string accountId, Projections projections, ApiOptions options, CancellationToken ct,
        string? pageSize = null, string? next = null)
    {
        var errors = new RequestRules().Id("accountId", accountId);
        var size = Paging.Size(pageSize, options, errors);
        var scope = $"history|{accountId}";
        var token = Paging.Token(next, scope, errors);
        if (!errors.IsValid) return Problems.Validation(errors.Errors);

        var page = await projections.GetAccountHistoryAsync(accountId, size, token, ct);
        return TypedResults.Ok(new PageView<HistoryView>(page.Items.Select(EscalationView.HistoryViewOf).ToList(), Paging.Encode(page.ContinuationToken, scope)));
    }

    /// <summary>The history's channel for a contact made outside this API; <paramref name="otherwise"/> when none is named.</summary>
    private static Channel ChannelOf(ContactChannel? channel, Channel otherwise) => channel switch
    {
        ContactChannel.Phone => Channel.Phone,
        ContactChannel.Chat => Channel.Chat,
        ContactChannel.Email => Channel.Email,
        _ => otherwise,
    };

}
