using EscalationFunctions.Apis;
using EscalationFunctions.Http;
using Escalations.Runtime.Workflow;
using Microsoft.Azure.Functions.Worker;

namespace EscalationFunctions.Functions;

/// <summary>The actions on one escalation: each binds the request and applies its event through <see cref="EscalationsApi"/>.</summary>
public sealed class EscalationActionFunctions(EscalationWorkflow workflow, ApiOptions options)
{
    [Function(nameof(ReportDeEscalation))]
    public Task<IResult> ReportDeEscalation(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/deescalation")] HttpRequest request, string id, CancellationToken ct) =>
        EscalationsApi.ReportDeEscalationAsync(id, request, workflow, options, ct);

    [Function(nameof(ReportNoSupervisorAvailable))]
    public Task<IResult> ReportNoSupervisorAvailable(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/no-supervisor-available")] HttpRequest request, string id, CancellationToken ct) =>
        EscalationsApi.ReportNoSupervisorAvailableAsync(id, request, workflow, options, ct);

    [Function(nameof(RequestSupervisorGuidance))]
    public Task<IResult> RequestSupervisorGuidance(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/guidance")] HttpRequest request, string id, CancellationToken ct) =>
        EscalationsApi.RequestSupervisorGuidanceAsync(id, request, workflow, options, ct);

    [Function(nameof(PickUpEscalation))]
    public Task<IResult> PickUpEscalation(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/pickup")] HttpRequest request, string id, CancellationToken ct) =>
        EscalationsApi.PickUpEscalationAsync(id, request, workflow, options, ct);

    [Function(nameof(ClaimCallback))]
    public Task<IResult> ClaimCallback(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/callback/claim")] HttpRequest request, string id, CancellationToken ct) =>
        EscalationsApi.ClaimCallbackAsync(id, request, workflow, options, ct);

    [Function(nameof(RecordCallbackAttempt))]
    public Task<IResult> RecordCallbackAttempt(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/callback/attempts")] HttpRequest request, string id, CancellationToken ct) =>
        EscalationsApi.RecordCallbackAttemptAsync(id, request, workflow, options, ct);

    [Function(nameof(CompleteCallback))]
    public Task<IResult> CompleteCallback(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/callback/complete")] HttpRequest request, string id, CancellationToken ct) =>
        EscalationsApi.CompleteCallbackAsync(id, request, workflow, options, ct);

    [Function(nameof(RequestManagementAssistance))]
    public Task<IResult> RequestManagementAssistance(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/management-assistance")] HttpRequest request, string id, CancellationToken ct) =>
        EscalationsApi.RequestManagementAssistanceAsync(id, request, workflow, options, ct);

    [Function(nameof(ReportThreats))]
    public Task<IResult> ReportThreats(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/threats")] HttpRequest request, string id, CancellationToken ct) =>
        EscalationsApi.ReportThreatsAsync(id, request, workflow, options, ct);

    [Function(nameof(ResolveEscalation))]
    public Task<IResult> ResolveEscalation(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/resolve")] HttpRequest request, string id, CancellationToken ct) =>
        EscalationsApi.ResolveEscalationAsync(id, request, workflow, options, ct);
}
