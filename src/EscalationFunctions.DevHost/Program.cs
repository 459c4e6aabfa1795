using EscalationFunctions.DevHost;
using EscalationFunctions.Extensions;
using Escalations.Runtime;

var builder = WebApplication.CreateBuilder(args);
FunctionAppSettings.AddTo(builder);
// Every section is checked before anything starts, so one message names every bad setting.
var problems = new List<string>();
try
{
    // The same registrations as the worker; here Runtime:RunPumps (default true) lets the runtime poll its own
    // queues and run the sweep, calling the handlers the queue and timer functions call under the Functions host.
    builder.AddEscalationFunctions();
}
catch (InvalidConfigurationException ex)
{
    problems.AddRange(ex.Problems);
}

var taskHub = TaskHubSettings.Read(builder.Configuration, AppContext.BaseDirectory, problems);
if (problems.Count > 0)
{
    // A setting an operator can fix: say which, plainly, and stop. A stack trace would only hide the message.
    await Console.Error.WriteLineAsync(new InvalidConfigurationException(problems).Message);
    return 2;
}

// The orchestrations run here on the same engine as in Azure (the Azure Storage provider, on Azurite locally).
builder.AddLocalTaskHub(taskHub);

var app = builder.Build();
app.UseLocalTaskHubClient();
app.MapFunctionApp();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
