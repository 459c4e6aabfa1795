using Escalations.Domain;
using Microsoft.AspNetCore.Mvc;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;
using EscalationFunctions.Http;

namespace EscalationFunctions.Apis;

/// <summary>The escalation functions the contact-center platform, supervisors and management call.</summary>
public static class EscalationsApi
{
    public static IEndpointRouteBuilder MapEscalationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/escalations").WithTags("Escalations");

        api.MapPost("/", StartAsync).WithName("StartEscalation")
            .WithSummary("Start an escalation: a caller asked for a supervisor, or disclosed something routed elsewhere.")
            .Accepts<StartEscalationRequest>("application/json")
            .Produces<EscalationView>(StatusCodes.Status201Created).Produces<EscalationView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", ListAsync).WithName("ListEscalations").WithSummary("Open escalations: the supervisors' and management's work queues.")
            .Produces<PageView<IndexEntry>>();
        api.MapGet("/{id}", GetAsync).WithName("GetEscalation").WithSummary("An escalation with its pending timers, flags and history.")
            .Produces<EscalationView>().ProducesProblem(StatusCodes.Status404NotFound);

        // Each action maps its body to a domain event; the event id placeholder is replaced by EventIds.For below.
        MapAction<DeEscalationRequest>(api, "deescalation", "ReportDeEscalation", "The agent's de-escalation attempt: resolved or not.",
            RequestValidation.Check, r => new DeEscalationAttempted(r.Resolved, r.Notes) { EventId = "" });
        MapAction<NoSupervisorRequest>(api, "no-supervisor-available", "ReportNoSupervisorAvailable", "No supervisor can take the call: open the callback request.",
            RequestValidation.Check, _ => new NoSupervisorAvailable { EventId = "" }, empty: () => new NoSupervisorRequest());
        MapAction<SupervisorGuidanceRequest>(api, "guidance", "RequestSupervisorGuidance", "While de-escalating, the agent asked a supervisor for guidance; the agent keeps the call.",
            RequestValidation.Check, r => new SupervisorGuidanceRequested(new SupervisorRef(r.SupervisorId, r.SupervisorName), r.Notes) { EventId = "", Channel = ChannelOf(r.Channel, Channel.ContactCenter) });
        MapAction<SupervisorRequest>(api, "pickup", "PickUpEscalation", "A supervisor takes over the call (409 when someone already did).",
            RequestValidation.Check, r => new SupervisorPickedUp(new SupervisorRef(r.SupervisorId, r.SupervisorName)) { EventId = "", Channel = Channel.Api });
        MapAction<SupervisorRequest>(api, "callback/claim", "ClaimCallback", "A supervisor takes ownership of the open callback request.",
            RequestValidation.Check, r => new CallbackClaimed(new SupervisorRef(r.SupervisorId, r.SupervisorName)) { EventId = "", Channel = Channel.Api });
        MapAction<CallbackAttemptRequest>(api, "callback/attempts", "RecordCallbackAttempt", "A callback call did not reach the customer (no answer, voicemail, wrong number); the due time stands.",
            RequestValidation.Check, r => new CallbackAttempted(new SupervisorRef(r.SupervisorId, r.SupervisorName), r.Outcome, r.AttemptedAt, r.Notes) { EventId = "", Channel = Channel.Api });
        MapAction<CompleteCallbackRequest>(api, "callback/complete", "CompleteCallback", "The supervisor made the callback: resolved, or needs management.",
            RequestValidation.Check, r => new CallbackCompleted(new SupervisorRef(r.SupervisorId, r.SupervisorName), r.Resolved, r.Notes) { EventId = "", Channel = Channel.Api });
        MapAction<ManagementAssistanceRequest>(api, "management-assistance", "RequestManagementAssistance", "A supervisor who cannot resolve it asks the TS&R Management Team.",
            RequestValidation.Check, r => new ManagementAssistanceRequested(new SupervisorRef(r.SupervisorId, r.SupervisorName), r.Reason) { EventId = "", Channel = ChannelOf(r.Channel, Channel.Api) });
        MapAction<ThreatsRequest>(api, "threats", "ReportThreats", "The caller threatened the BBB, a lawyer or social media.",
            RequestValidation.Check, r => new ThreatsReported(r.Kinds.Distinct().ToList()) { EventId = "" });
        MapAction<ResolveRequest>(api, "resolve", "ResolveEscalation", "Close the escalation as resolved.",
            RequestValidation.Check, r => new EscalationResolved(new SupervisorRef(r.By, r.ByName), r.Resolution) { EventId = "", Channel = Channel.Api });

        app.MapGet("/api/accounts/{accountId}/history", AccountHistoryAsync).WithTags("Accounts").WithName("GetAccountHistory")
            .WithSummary("The account's Communication History Log across escalations, newest first.")
            .Produces<PageView<HistoryView>>();
        return app;
    }

    private static void MapAction<TBody>(
        RouteGroupBuilder api, string path, string name, string summary, Func<TBody, RequestRules> rules, Func<TBody, EscalationEvent> toEvent, Func<TBody>? empty = null)
        where TBody : class
    {
        api.MapPost($"/{{id}}/{path}", (string id, HttpRequest request, EscalationWorkflow workflow, ApiOptions options, CancellationToken ct) =>
                ApplyAsync(id, path, request, workflow, options, rules, toEvent, empty, ct))
            .WithName(name).WithSummary(summary)
            .Accepts<TBody>(isOptional: empty is not null, "application/json")
            .Produces<EscalationView>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

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

    private static async Task<IResult> StartAsync(
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

    private static async Task<IResult> GetAsync(string id, EscalationWorkflow workflow, CancellationToken ct)
    {
        if (!TableKeys.IsValidEscalationId(id)) return Problems.Validation("id", "Not an escalation id.");
        var stored = await workflow.GetAsync(id, ct);
        if (stored is null) return Problems.NotFound(id);
        var history = await workflow.GetHistoryAsync(id, ct);
        return TypedResults.Ok(EscalationView.From(stored.State, history));
    }

    private static async Task<IResult> ListAsync(
        Projections projections, ApiOptions options, CancellationToken ct,
        [FromQuery] string? status = null, [FromQuery] string? vendor = null, [FromQuery] string? supervisorId = null,
        [FromQuery] string? accountId = null, [FromQuery] string? dueBefore = null, [FromQuery] string? unreachable = null,
        [FromQuery] string? pageSize = null, [FromQuery] string? next = null)
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

    private static async Task<IResult> AccountHistoryAsync(
        string accountId, Projections projections, ApiOptions options, CancellationToken ct,
        [FromQuery] string? pageSize = null, [FromQuery] string? next = null)
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
