using EscalationFunctions.Extensions;
using Escalations.Runtime;

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddEscalationFunctions();
}
catch (InvalidConfigurationException ex)
{
    // A setting an operator can fix: say which, plainly, and stop. A stack trace would only hide the message.
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

var app = builder.Build();
app.MapEscalationFunctions();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
