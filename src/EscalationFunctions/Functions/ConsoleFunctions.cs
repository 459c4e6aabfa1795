using EscalationFunctions.Console;
using Escalations.Domain;
using Escalations.Notifications;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;
using Escalations.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EscalationFunctions.Functions;

/// <summary>
/// The supervisors' console, one function per page or form (handlers in <c>Console/</c>). Anonymous at the host:
/// the console signs people in itself, behind App Service Authentication.
/// </summary>
public sealed class ConsoleFunctions(
    ConsoleIdentity identity, WorkQueueReader queues, EscalationWorkflow workflow, Projections projections, DevelopmentSessions sessions,
    RoutingOptions routing, EscalationOptions policy, TimeProvider time, OrchestrationClient orchestrations)
{
    [Function(nameof(ConsoleHome))]
    public IResult ConsoleHome([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console")] HttpRequest request) =>
        Results.Redirect(ConsolePaths.Holding);

    [Function(nameof(ConsoleHolding))]
    public Task<IResult> ConsoleHolding(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/holding")] HttpRequest request, CancellationToken ct) =>
        QueuePages.HoldingAsync(request.HttpContext, identity, queues, time, ct);

    [Function(nameof(ConsoleCallbacks))]
    public Task<IResult> ConsoleCallbacks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/callbacks")] HttpRequest request, CancellationToken ct) =>
        QueuePages.CallbacksAsync(request.HttpContext, identity, queues, routing, policy, time, ct);

    [Function(nameof(ConsoleManagement))]
    public Task<IResult> ConsoleManagement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/management")] HttpRequest request, CancellationToken ct) =>
        QueuePages.ManagementAsync(request.HttpContext, identity, queues, time, ct);

    [Function(nameof(ConsoleAccount))]
    public Task<IResult> ConsoleAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/accounts")] HttpRequest request, CancellationToken ct) =>
        AccountPage.ShowAsync(request.HttpContext, identity, projections, queues, time, ct);

    [Function(nameof(ConsoleEscalation))]
    public Task<IResult> ConsoleEscalation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/escalations/{id}")] HttpRequest request, string id, CancellationToken ct) =>
        EscalationPage.ShowAsync(id, request.HttpContext, identity, workflow, time, ct);

    [Function(nameof(ConsoleAct))]
    public Task<IResult> ConsoleAct(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/escalations/{id}/{action}")] HttpRequest request, string id, string action, [DurableClient] DurableTaskClient durable, CancellationToken ct)
    {
        orchestrations.Use(durable);
        return ConsoleActions.ActAsync(id, action, request.HttpContext, identity, workflow, time, ct);
    }

    [Function(nameof(ConsoleSignInPage))]
    public IResult ConsoleSignInPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/sign-in")] HttpRequest request) =>
        SignInPages.Show(request.HttpContext, identity, time);

    [Function(nameof(ConsoleSignIn))]
    public Task<IResult> ConsoleSignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/sign-in")] HttpRequest request, CancellationToken ct) =>
        SignInPages.SignInAsync(request.HttpContext, identity, sessions, time, ct);

    [Function(nameof(ConsoleSignOut))]
    public Task<IResult> ConsoleSignOut(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/sign-out")] HttpRequest request, CancellationToken ct) =>
        SignInPages.SignOutAsync(request.HttpContext, identity, ct);

    [Function(nameof(ConsoleAsset))]
    public IResult ConsoleAsset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/assets/{name}")] HttpRequest request, string name) =>
        ConsoleAssets.Serve(name, request.HttpContext);
}
