using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace EscalationFunctions.Middleware;

/// <summary>
/// The worker's way in to <see cref="HttpPipeline"/>: for an HTTP trigger, the steps run around the function on the
/// request's <see cref="HttpContext"/>, and the function's result is written inside them (so the steps see the answer,
/// as they would in an ASP.NET Core pipeline); the worker is then told the response is written.
/// </summary>
public sealed class HttpPipelineMiddleware(HttpPipeline pipeline) : IFunctionsWorkerMiddleware
{
    public static bool IsHttpTrigger(FunctionContext context) =>
        context.FunctionDefinition.InputBindings.Values.Any(b => string.Equals(b.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase));

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        await pipeline.RunAsync(http, async h =>
        {
            await next(context);
            if (context.GetInvocationResult().Value is IResult answer) await answer.ExecuteAsync(h);
        });
        // Written above (or refused before the function ran): nothing is left for the worker to write.
        context.GetInvocationResult().Value = new EmptyResult();
    }
}
