using EscalationFunctions.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddEscalationFunctions();

var app = builder.Build();
app.MapEscalationFunctions();
app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
