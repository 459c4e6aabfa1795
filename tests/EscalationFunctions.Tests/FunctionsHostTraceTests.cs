using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using EscalationFunctions.Apis;
using EscalationFunctions.Extensions;

namespace EscalationFunctions.Tests;

/// <summary>
/// Traces started by the Azure Functions host are continued, not restarted. What the host sends a custom handler,
/// as read in the azure-functions-host source (4.1037.0):
/// <list type="bullet">
/// <item><c>src/WebJobs.Script/Workers/Http/DefaultHttpWorkerService.cs</c> (<c>AddHeaders</c>) adds
/// <c>X-Azure-Functions-InvocationId</c>, <c>X-Azure-Functions-HostVersion</c> and <c>User-Agent: Azure-Functions-Host/…</c>
/// (names in <c>src/WebJobs.Script/Workers/Http/HttpWorkerConstants.cs</c>), and sends with a plain <c>HttpClient</c>
/// (<c>CreateHttpClient</c>), whose diagnostics handler writes the W3C <c>traceparent</c> of the host's current span.</item>
/// <item>A queue or timer invocation's body is <c>{Data, Metadata}</c> only
/// (<c>src/WebJobs.Script/Workers/MessageExtensions/ScriptInvocationContextExtensions.cs</c>,
/// <c>ToHttpScriptInvocationContext</c>): the invocation's <c>Traceparent</c>
/// (<c>src/WebJobs.Script/Description/Workers/WorkerFunctionInvoker.cs</c>) reaches gRPC workers only
/// (<c>src/WebJobs.Script.Grpc/Extensions/ScriptInvocationContextExtensions.cs</c>), never the body. So the header is the one carrier.</item>
/// <item>A forwarded HTTP trigger copies every header of the caller's request (<c>src/WebJobs.Script/Extensions/HttpRequestExtensions.cs</c>,
/// <c>ToHttpRequestMessage</c>), the platform's <c>traceparent</c> among them.</item>
/// </list>
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
    public async Task A_timer_invocation_continues_the_hosts_trace_and_the_timer_joins_the_escalations_trace()
    {
        var telemetry = new TelemetryCapture();
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?>
        {
            ["Escalation:SupervisorHoldTimeout"] = "00:00:01",
            ["Runtime:RunPumps"] = "false",
        }, telemetry: telemetry);
        var id = await EscalationsApiTests.StartAsync(app);
        await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
        await app.Dispatched();
        // The hold timer's message, as the host's queue trigger would receive it once it is due.
        Azure.Storage.Queues.Models.QueueMessage? queued = null;
        await TestApp.Eventually(async () => (queued = (await app.Storage.Timers.ReceiveMessagesAsync(1)).Value.FirstOrDefault()) is not null,
            TimeSpan.FromSeconds(20), "the hold timer's message");
        var message = queued!.Body.ToString(); // the app's queue client has already decoded the Base64, as the host does
        var invocation = Guid.NewGuid();
        using var host = HostClient(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + FunctionInvocationsApi.TimerTrigger)
        {
            Content = JsonContent.Create(new
            {
                Data = new { message },
                Metadata = new { DequeueCount = 1, Id = queued.MessageId, sys = new { MethodName = FunctionInvocationsApi.TimerTrigger, UtcNow = DateTimeOffset.UtcNow } },
            }),
        };
        request.Headers.Add("traceparent", $"00-{HostTrace}-{HostSpan}-01");
        request.Headers.Add(TelemetryExtensions.InvocationIdHeader, invocation.ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1037.0");
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1037.0");

        var response = await host.SendAsync(request);
        await app.Dispatched();
        TelemetryCapture.Flush(app.Services);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var spans = telemetry.Spans;
        var server = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.TraceId.ToHexString() == HostTrace);
        Assert.Equal(HostSpan, server.ParentSpanId.ToHexString());
        Assert.Equal(invocation.ToString(), server.GetTagItem("faas.invocation_id"));
        var intake = Assert.Single(spans, s => s.DisplayName == "apply EscalationRequested");
        var timer = Assert.Single(spans, s => s.DisplayName == "timer SupervisorHold");
        Assert.Equal(intake.TraceId, timer.TraceId);
        Assert.Contains(timer.Links, l => l.Context.TraceId == server.TraceId && l.Context.SpanId == server.SpanId);
        Assert.IsType<double>(timer.GetTagItem("escalation.timer.lateness_s"));
    }

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
