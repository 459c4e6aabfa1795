using EscalationFunctions.Console;

using EscalationFunctions.Http;
using EscalationFunctions.Middleware;
using EscalationFunctions.OpenApi;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Escalations.Notifications;
using Escalations.QuickBase;
using EscalationFunctions.Security;
using Escalations.Runtime;
using Escalations.Runtime.Hosting;
using Escalations.Orchestration;

namespace EscalationFunctions.Extensions;

public static class HostingExtensions
{
    /// <summary>
    /// Registers everything both hosts need (the worker's Program and the development host); every option is
    /// validated now, and start-up stops with one message naming each bad setting.
    /// </summary>
    public static IHostApplicationBuilder AddEscalationFunctions(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;

        // Links in emails must lead back here: unless set, the public address is the one the app is reached at.
        if (string.IsNullOrWhiteSpace(configuration["Email:PublicBaseUrl"])) configuration["Email:PublicBaseUrl"] = PublicBaseUrl(configuration);

        // Every section is read and checked before anything starts, so one message names every bad setting.
        var problems = new List<string>();
        var api = StrictSettings.Bind<ApiOptions>(configuration, ApiOptions.SectionName, problems);
        var security = StrictSettings.Bind<SecurityOptions>(configuration, SecurityOptions.SectionName, problems, typeof(ActionLinkOptions));
        var console = StrictSettings.Bind<ConsoleOptions>(configuration, ConsoleOptions.SectionName, problems);
        problems.AddRange(api.Validate());
        problems.AddRange(security.Validate());
        // Placeholder addresses are for trying the app out: the Development environment (run.sh, func start) only.
        var development = builder.Environment.IsDevelopment()
            || string.Equals(configuration["AZURE_FUNCTIONS_ENVIRONMENT"], Environments.Development, StringComparison.OrdinalIgnoreCase);
        problems.AddRange(console.Validate(development));
        builder.Services.AddEscalationNotifications(configuration, development, problems, typeof(SecurityOptions));
        builder.Services.AddQuickBase(configuration, problems);
        builder.Services.AddEscalationRuntime(configuration, problems);
        builder.Services.AddEscalationOrchestration();
        InvalidConfigurationException.ThrowIfAny(problems);
        builder.Services.AddSingleton(api);
        builder.Services.AddSingleton(security);
        builder.Services.AddSingleton(console);
        builder.Services.AddSingleton<DevelopmentSessions>();
        builder.Services.AddSingleton<ConsoleIdentity>();
        builder.Services.AddSingleton<WorkQueueReader>();
        builder.AddEscalationTelemetry();

        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Complete);
        builder.Services.AddSingleton<ErrorHandling>();
        builder.Services.AddSingleton<HttpPipeline>();
        builder.Services.AddSingleton<ReferencePage>();
        builder.Services.AddRouting();
        builder.Services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = Math.Max(api.MaxBodyBytes * 4L, 64 * 1024));
        return builder;
    }

    /// <summary>
    /// Where recipients reach the app when <c>Email:PublicBaseUrl</c> is not set: the site's own host name in Azure
    /// (<c>WEBSITE_HOSTNAME</c>), otherwise the first address the app listens on (<c>ASPNETCORE_URLS</c>), with a
    /// wildcard host read as localhost; otherwise the standalone default, http://localhost:7071.
    /// </summary>
    internal static string PublicBaseUrl(IConfiguration configuration)
    {
        if (configuration["WEBSITE_HOSTNAME"] is { Length: > 0 } site) return $"https://{site}";
        var first = (configuration["urls"] ?? configuration["ASPNETCORE_URLS"])?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null) return "http://localhost:7071";
        foreach (var wildcard in new[] { "://+", "://*", "://0.0.0.0", "://[::]" })
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        return first.TrimEnd('/');
    }
}
