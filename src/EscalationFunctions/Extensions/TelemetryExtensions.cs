using System.Diagnostics;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using EscalationFunctions.Http;
using Escalations.Runtime;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EscalationFunctions.Extensions;

/// <summary>
/// OpenTelemetry for the app: incoming HTTP, outgoing HTTP other than storage, and the runtime's own
/// <see cref="EscalationTelemetry"/> source and meter (storage calls, the workflow, dispatch, timers, the sweep, email);
/// logs through the same pipeline. Exported to Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
/// is set, over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, nowhere otherwise.
/// </summary>
public static class TelemetryExtensions
{
    public const string ServiceName = "escalation-functions";
    public const string ApplicationInsightsVariable = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string ApplicationInsightsAuthenticationVariable = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IHostApplicationBuilder AddEscalationTelemetry(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t => t
                .AddSource(EscalationTelemetry.Name)
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.RecordException = false;
                    o.EnrichWithHttpRequest = (span, request) => TagInvocation(span, request);
                    o.EnrichWithHttpResponse = (span, response) => Redact(span, response.HttpContext);
                })
                // Storage requests are spans of their own (named by kind): their URLs carry table keys, such as account ids.
                // Any other outgoing call keeps only where it went, never its path or query.
                .AddHttpClientInstrumentation(o =>
                {
                    o.FilterHttpRequestMessage = request => !request.Headers.Contains("x-ms-version");
                    o.EnrichWithHttpRequestMessage = (span, request) => RedactOutgoing(span, request.RequestUri);
                    o.EnrichWithHttpResponseMessage = (span, response) => RedactOutgoing(span, response.RequestMessage?.RequestUri);
                }))
            .WithMetrics(m => m
                .AddMeter(EscalationTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithLogging(_ => { }, o =>
            {
                // Scopes would carry request paths (account ids); the log lines themselves are the app's own, PII-free.
                o.IncludeScopes = false;
                o.IncludeFormattedMessage = true;
            });

        if (configuration[ApplicationInsightsVariable] is { Length: > 0 } connectionString)
        {
            var credential = Credential(configuration[ApplicationInsightsAuthenticationVariable]);
            telemetry.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = connectionString;
                o.Credential = credential;
                // Every trace: an escalation's trace runs for days and must arrive whole; the volume is a contact center's.
                o.SamplingRatio = 1.0f;
                o.TracesPerSecond = null;
                // Live Metrics samples whole requests outside this pipeline's redaction.
                o.EnableLiveMetrics = false;
            });
        }

        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]))
        {
            telemetry.WithTracing(t => t.AddOtlpExporter()).WithMetrics(m => m.AddOtlpExporter()).WithLogging(l => l.AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>
    /// The credential Application Insights takes when local authentication is off: the managed identity named by
    /// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>Authorization=AAD;ClientId=&lt;user-assigned identity&gt;</c>,
    /// the form the Functions host reads, which the Bicep sets). Without <c>Authorization=AAD</c>: none (key-based ingestion).
    /// </summary>
    internal static TokenCredential? Credential(string? authentication)
    {
        var parts = (authentication ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var mode) || !string.Equals(mode, "AAD", StringComparison.OrdinalIgnoreCase)) return null;
        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }

    /// <summary>
    /// The Functions host names each invocation in a header (<c>X-Azure-Functions-InvocationId</c>, a GUID), so a
    /// request span can be matched with the host's own log of it. Anything but a GUID is ignored.
    /// </summary>
    private static void TagInvocation(Activity span, HttpRequest request)
    {
        if (Guid.TryParse(request.Headers[InvocationIdHeader].ToString(), out var invocation))
            span.SetTag("faas.invocation_id", invocation.ToString());
    }

    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    private static void RedactOutgoing(Activity span, Uri? uri) =>
        span.SetTag("url.full", uri is { IsAbsoluteUri: true } ? uri.GetLeftPart(UriPartial.Authority) + "/" : null);

    /// <summary>
    /// An incoming request's span keeps the route template, never the path or the query: paths carry account ids.
    /// </summary>
    private static void Redact(Activity span, HttpContext context)
    {
        var route = RouteTemplate.Of(context);
        span.SetTag("url.path", route);
        span.SetTag("url.query", null);
        span.SetTag("url.full", null);
        span.DisplayName = $"{context.Request.Method} {route}";
    }
}
