using EscalationFunctions.Apis;
using EscalationFunctions.Console;
using Escalations.Notifications;
using Escalations.Runtime.Workflow;
using Escalations.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EscalationFunctions.Functions;

/// <summary>
/// The pages behind the one-click links in emails (<see cref="ActionLinksApi"/>): anonymous at the host, since the
/// person signs in as for the console; GET shows, the page's form POSTs.
/// </summary>
public sealed class ActionLinkFunctions(ActionLinks links, EscalationWorkflow workflow, ConsoleIdentity identity, TimeProvider time, OrchestrationClient orchestrations)
{
    [Function(nameof(ActionLink))]
    public Task<IResult> ActionLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "links/{token}")] HttpRequest request, string token, CancellationToken ct) =>
        ActionLinksApi.ShowAsync(token, request.HttpContext, links, workflow, identity, time, ct);

    [Function(nameof(ActOnActionLink))]
    public Task<IResult> ActOnActionLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "links/{token}")] HttpRequest request, string token, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        orchestrations.Use(durable);
        return ActionLinksApi.ActAsync(token, request.HttpContext, links, workflow, identity, time, ct);
    }
}
