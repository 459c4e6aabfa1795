using EscalationFunctions.Apis;
using EscalationFunctions.Http;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;
using Escalations.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EscalationFunctions.Functions;

/// <summary>
/// The escalation resource for the contact-center platform, supervisors and management: thin adapters that bind the
/// request and call the handlers in <see cref="EscalationsApi"/>. Function names are the OpenAPI operation ids.
/// </summary>
public sealed class EscalationsFunctions(EscalationWorkflow workflow, IntakeService intakes, Projections projections, ApiOptions options, OrchestrationClient orchestrations)
{
    [Function(nameof(StartEscalation))]
    public Task<IResult> StartEscalation(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "escalations")] HttpRequest request, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        orchestrations.Use(durable);
        return EscalationsApi.StartAsync(request, intakes, options, ct);
    }

    [Function(nameof(ListEscalations))]
    public Task<IResult> ListEscalations(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "escalations")] HttpRequest request, CancellationToken ct)
    {
        var q = request.Query;
        return EscalationsApi.ListAsync(projections, options, ct, Query(q, "status"), Query(q, "vendor"), Query(q, "supervisorId"),
            Query(q, "accountId"), Query(q, "dueBefore"), Query(q, "unreachable"), Query(q, "pageSize"), Query(q, "next"));
    }

    [Function(nameof(GetEscalation))]
    public Task<IResult> GetEscalation(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "escalations/{id}")] HttpRequest request, string id, CancellationToken ct) =>
        EscalationsApi.GetAsync(id, workflow, ct);

    [Function(nameof(GetAccountHistory))]
    public Task<IResult> GetAccountHistory(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "accounts/{accountId}/history")] HttpRequest request, string accountId, CancellationToken ct) =>
        EscalationsApi.AccountHistoryAsync(accountId, projections, options, ct, Query(request.Query, "pageSize"), Query(request.Query, "next"));

    /// <summary>A query parameter as minimal APIs bound it: absent is null; repeated ones are joined as one value.</summary>
    internal static string? Query(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToString() : null;
}
