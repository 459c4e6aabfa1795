using EscalationFunctions.Extensions;
using EscalationFunctions.Middleware;
using Escalations.Runtime;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using OpenTelemetry;

namespace EscalationFunctions;

/// <summary>The isolated worker: started by the Functions host, which owns the triggers and forwards HTTP requests.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        // The host's queue and timer triggers drive the runtime here: the app does not poll its own queues.
        builder.Configuration["Runtime:RunPumps"] ??= "false";
        try
        {
            builder.AddEscalationFunctions();
        }
        catch (InvalidConfigurationException ex)
        {
            // A setting an operator can fix: say which, plainly, and stop. A stack trace would only hide the message.
            await System.Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        builder.UseWhen<HttpPipelineMiddleware>(HttpPipelineMiddleware.IsHttpTrigger);
        // Function invocations as spans, continuing the host's trace.
        builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
        await builder.Build().RunAsync();
        return 0;
    }
}
