using EscalationFunctions.DevHost;
using EscalationFunctions.Extensions;
using Escalations.Runtime;

var builder = WebApplication.CreateBuilder(args);
FunctionAppSettings.AddTo(builder);
try
{
    // The same registrations as the worker; here Runtime:RunPumps (default true) lets the runtime poll its own
    // queues and run the sweep, calling the handlers the queue and timer functions call under the Functions host.
    builder.AddEscalationFunctions();
}
catch (InvalidConfigurationException ex)
{
    // A setting an operator can fix: say which, plainly, and stop. A stack trace would only hide the message.
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

var app = builder.Build();
app.MapFunctionApp();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
