using EscalationFunctions.Functions;

namespace EscalationFunctions.DevHost;

/// <summary>What this host serves: the function app's HTTP functions under host.json's route prefix, and a way in at "/".</summary>
public static class FunctionAppEndpoints
{
    public static WebApplication MapFunctionApp(this WebApplication app)
    {
        // A route no function serves gets problem details, as the functions' own refusals do.
        app.UseStatusCodePages();
        app.MapGet("/", () => Results.Redirect("/api/reference")).ExcludeFromDescription();
        app.MapHttpFunctions(typeof(HealthFunctions).Assembly, HostJson.RoutePrefix(AppContext.BaseDirectory));
        return app;
    }
}
