using EscalationFunctions.Apis;
using EscalationFunctions.Http;
using Escalations.Runtime.Workflow;
using Escalations.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EscalationFunctions.Functions;

/// <summary>The actions on one escalation: each binds the request and applies its event through <see cref="EscalationsApi"/>.</summary>
public sealed class EscalationActionFunctions(EscalationWorkflow workflow, ApiOptions options, OrchestrationClient orchestrations)
{
    [Function(nameof(ReportDeEscalation))]
    public Task<IResult> ReportDeEscalation(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/deescalation")] HttpRequest request, string id, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        orchestrations.Use(durable);
        return EscalationsApi.ReportDeEscalationAsync(id, request, workflow, options, ct);
    }

    [Function(nameof(ReportNoSupervisorAvailable))]
    public Task<IResult> ReportNoSupervisorAvailable(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/no-supervisor-available")] HttpRequest request, string id, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        orchestrations.Use(durable);
        return EscalationsApi.ReportNoSupervisorAvailableAsync(id, request, workflow, options, ct);
    }

    [Function(nameof(RequestSupervisorGuidance))]
    public Task<IResult> RequestSupervisorGuidance(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/guidance")] HttpRequest request, string id, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        orchestrations.Use(durable);
        return EscalationsApi.RequestSupervisorGuidanceAsync(id, request, workflow, options, ct);
    }

    [Function(nameof(PickUpEscalation))]
    public Task<IResult> PickUpEscalation(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/pickup")] HttpRequest request, string id, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        orchestrations.Use(durable);
        return EscalationsApi.PickUpEscalationAsync(id, request, workflow, options, ct);
    }

    [Function(nameof(ClaimCallback))]
    public Task<IResult> ClaimCallback(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/callback/claim")] HttpRequest request, string id, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        orchestrations.Use(durable);
        return EscalationsApi.ClaimCallbackAsync(id, request, workflow, options, ct);
    }

    [Function(nameof(RecordCallbackAttempt))]
    public Task<IResult> RecordCallbackAttempt(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/callback/attempts")] HttpRequest request, string id, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        orchestrations.Use(durable);
        return EscalationsApi.RecordCallbackAttemptAsync(id, request, workflow, options, ct);
    }

    [Function(nameof(CompleteCallback))]
    public Task<IResult> CompleteCallback(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/callback/complete")] HttpRequest request, string id, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        orchestrations.Use(durable);
        return EscalationsApi.CompleteCallbackAsync(id, request, workflow, options, ct);
    }

    [Function(nameof(RequestManagementAssistance))]
    public Task<IResult> RequestManagementAssistance(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/management-assistance")] HttpRequest request, string id, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        orchestrations.Use(durable);
        return EscalationsApi.RequestManagementAssistanceAsync(id, request, workflow, options, ct);
    }

    [Function(nameof(ReportThreats))]
    public Task<IResult> ReportThreats(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/threats")] HttpRequest request, string id, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        orchestrations.Use(durable);
        return EscalationsApi.ReportThreatsAsync(id, request, workflow, options, ct);
    }

    [Function(nameof(ResolveEscalation))]
    public Task<IResult> ResolveEscalation(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations/{id}/resolve")] HttpRequest request, string id, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        orchestrations.Use(durable);
        return EscalationsApi.ResolveEscalationAsync(id, request, workflow, options, ct);
    }
}
