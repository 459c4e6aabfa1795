using Microsoft.AspNetCore.Routing.Template;
using Scalar.AspNetCore;

namespace EscalationFunctions.OpenApi;

/// <summary>
/// The API reference page (Scalar) behind one function. Scalar comes as endpoints to map; a function is not an
/// endpoint table, so they are mapped here, privately, once, and the function hands its request to the one that matches.
/// </summary>
public sealed class ReferencePage
{
    public const string Path = "/api/reference";

    /// <summary>Where the ApiDocument function serves the document (route prefix "api").</summary>
    public const string DocumentRoute = "/api/openapi/{documentName}.json";

    /// <summary>The security scheme the page pre-selects (named in docs/openapi/v1.json).</summary>
    public const string ApiKeyScheme = "ApiKey";

    private readonly IReadOnlyList<(RouteEndpoint Endpoint, TemplateMatcher Matcher, IReadOnlyList<string> Methods)> _endpoints;

    public ReferencePage(IServiceProvider services)
    {
        var endpoints = new PrivateEndpoints(services);
        endpoints.MapScalarApiReference(Path, ConfigureReference);
        _endpoints = endpoints.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (e, new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary(e.RoutePattern.Defaults)),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? (IReadOnlyList<string>)[]))
            .ToList();
    }

    /// <summary>
    /// The reference page for an internal service: its title, the API key header pre-selected, and none of the hosted
    /// extras (AI chat, MCP, deploy and SDK buttons, telemetry, fonts from a CDN).
    /// </summary>
    internal static void ConfigureReference(ScalarOptions o)
    {
        o.WithTitle("EscalationFunctions API").WithOpenApiRoutePattern(DocumentRoute)
            .AddPreferredSecuritySchemes([ApiKeyScheme])
            .DisableAgent().DisableMcp().HideDeveloperTools().DisableTelemetry();
        o.DefaultFonts = false;
    }

    public async Task<IResult> ServeAsync(HttpContext context)
    {
        foreach (var (endpoint, matcher, methods) in _endpoints)
        {
            var values = new RouteValueDictionary();
            if (methods.Count > 0 && !methods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase)) continue;
            if (!matcher.TryMatch(context.Request.Path, values)) continue;
            context.Request.RouteValues = values;
            await endpoint.RequestDelegate!(context);
            return Results.Empty;
        }

        return Results.NotFound();
    }

    private sealed class PrivateEndpoints(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider { get; } = services;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(ServiceProvider);
    }
}
