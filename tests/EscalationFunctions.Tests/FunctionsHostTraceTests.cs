using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace EscalationFunctions.Tests;

/// <summary>
/// Traces started before the app are continued, not restarted. The Functions host forwards an HTTP trigger's request
/// to the worker's ASP.NET Core server with the caller's headers, the platform's W3C <c>traceparent</c> among them;
/// the development host receives the caller's request directly. Either way the header is the carrier.
/// </summary>
[Collection(ApiTests.Name)]
public class FunctionsHostTraceTests(AzuriteFixture azurite)
{
    private const string HostTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string HostSpan = "00f067aa0ba902b7";

    /// <summary>A client that sends only the headers given, as the host's request arrives (no propagation of this test's own spans).</summary>
    private static HttpClient HostClient(TestApp app) =>
        new(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = app.Client.BaseAddress };

    [Fact]
    public async Task A_forwarded_platform_request_continues_the_platforms_trace()
    {
        var telemetry = new TelemetryCapture();
        await using var app = TestApp.Start(azurite.Azurite, telemetry: telemetry);
        using var host = HostClient(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/escalations") { Content = JsonContent.Create(TestApp.Intake("c-trace"), options: TestApp.Json) };
        request.Headers.Add("traceparent", $"00-{HostTrace}-{HostSpan}-01");

        var response = await host.SendAsync(request);
        await app.Dispatched();
        TelemetryCapture.Flush(app.Services);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var apply = Assert.Single(telemetry.Spans, s => s.DisplayName == "apply EscalationRequested");
        Assert.Equal(HostTrace, apply.TraceId.ToHexString());
        Assert.Contains(telemetry.Spans, s => s.DisplayName == "dispatch Projection" && s.TraceId == apply.TraceId);
    }
}
