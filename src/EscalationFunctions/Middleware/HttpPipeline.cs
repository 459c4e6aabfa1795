using EscalationFunctions.Console;
using EscalationFunctions.Http;
using EscalationFunctions.Security;

namespace EscalationFunctions.Middleware;

/// <summary>
/// The steps every HTTP function runs through, in order, under either host: the storage calls before the answer are
/// counted, exceptions and bodiless refusals become problem details, the API key and request signature are checked,
/// and the console's gate sets its headers and signs people in. Plain ASP.NET Core over <see cref="HttpContext"/>:
/// the worker runs it from <see cref="HttpPipelineMiddleware"/>, the development host around each mapped function.
/// </summary>
public sealed class HttpPipeline
{
    private const string FunctionKey = "EscalationFunctions.Function";

    private readonly RequestDelegate _steps;

    public HttpPipeline(IServiceProvider services)
    {
        // Built once; the function a request is for waits in its Items for the last step.
        RequestDelegate function = context => ((RequestDelegate)context.Items[FunctionKey]!)(context);
        var gate = ActivatorUtilities.CreateInstance<ConsoleGate>(services, function);
        var authentication = ActivatorUtilities.CreateInstance<RequestAuthentication>(services, (RequestDelegate)gate.InvokeAsync);
        var problems = ActivatorUtilities.CreateInstance<ProblemAnswers>(services, (RequestDelegate)authentication.InvokeAsync);
        var storage = ActivatorUtilities.CreateInstance<StorageCallsBeforeAnswer>(services, (RequestDelegate)problems.InvokeAsync);
        _steps = storage.InvokeAsync;
    }

    /// <summary>Runs the steps, then <paramref name="function"/>, which writes its answer to the response.</summary>
    public Task RunAsync(HttpContext context, RequestDelegate function)
    {
        context.Items[FunctionKey] = function;
        return _steps(context);
    }
}
