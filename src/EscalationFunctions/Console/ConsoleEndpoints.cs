namespace EscalationFunctions.Console;

/// <summary>
/// Maps the console: pages for people, served by the app itself under /api/console (one Functions route,
/// <c>console/{*path}</c>, anonymous at the host: the console signs people in itself, behind App Service Authentication).
/// </summary>
public static class ConsoleEndpoints
{
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup(ConsolePaths.Root).ExcludeFromDescription().DisableAntiforgery();
        console.MapGet("/", () => Results.Redirect(ConsolePaths.Holding));
        console.MapGet("/holding", QueuePages.HoldingAsync);
        console.MapGet("/callbacks", QueuePages.CallbacksAsync);
        console.MapGet("/management", QueuePages.ManagementAsync);
        console.MapGet("/accounts", AccountPage.ShowAsync);
        console.MapGet("/escalations/{id}", EscalationPage.ShowAsync);
        console.MapPost("/escalations/{id}/{action}", ConsoleActions.ActAsync);
        console.MapGet("/sign-in", SignInPages.Show);
        console.MapPost("/sign-in", SignInPages.SignInAsync);
        console.MapPost("/sign-out", SignInPages.SignOutAsync);
        console.MapGet("/assets/{name}", ConsoleAssets.Serve);
        return app;
    }
}
