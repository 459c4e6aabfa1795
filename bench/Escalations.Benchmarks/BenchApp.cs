using EscalationFunctions.DevHost;
using EscalationFunctions.Extensions;
using Escalations.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>The real app (its functions in the development host) on Kestrel (a loopback port), over its own tables and queues in the benchmark's Azurite.</summary>
internal static class BenchApp
{
    /// <summary>Starts the app with the given settings over the defaults; the client's base address is the app.</summary>
    public static async Task<(WebApplication App, HttpClient Http)> StartAsync(string connection, IDictionary<string, string> settings, TimeSpan? clientTimeout = null)
    {
        // Development: the benchmark routes to placeholder addresses.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        foreach (var (key, value) in TestStorage.Settings(connection, TestStorage.NewPrefix())) builder.Configuration[key] = value;
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddEscalationFunctions();
        builder.AddLocalTaskHub(TaskHubSettings.Read(builder.Configuration, AppContext.BaseDirectory));
        var app = builder.Build();
        app.UseLocalTaskHubClient();
        app.MapFunctionApp();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new HttpClient { BaseAddress = new Uri(address), Timeout = clientTimeout ?? TimeSpan.FromSeconds(100) });
    }
}
