using System.Diagnostics;
using EscalationFunctions.Extensions;

namespace EscalationFunctions.Tests;

/// <summary>The app's traces, captured with the in-memory exporter beside the app's own OpenTelemetry wiring.</summary>
[Collection(ApiTests.Name)]
public class TelemetryTests(AzuriteFixture azurite)
{
    /// <summary>
    /// Intake over HTTP, not de-escalated (a second request, a trace of its own), nobody picks up, the callback
    /// breaches: the breach email's dispatch leads back, parent by parent, through the timer that caused it to the
    /// intake's request. The orchestration carries the escalation's trace to its timers, outbox rows carry it to the
    /// effects; the de-escalation request links to it.
    /// </summary>
    [Fact]
    public async Task A_lifecycle_is_one_connected_trace_from_the_intake_to_the_breach_email()
    {
        var telemetry = new TelemetryCapture();
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?>
        {
            ["Escalation:SupervisorHoldTimeout"] = "00:00:01",
            ["Escalation:CallbackSla"] = "00:00:04",
            ["Escalation:BreachWarningAt"] = "0.5",
        }, telemetry: telemetry);
        var id = await EscalationsApiTests.StartAsync(app);
        await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
        await TestApp.Eventually(async () => (await app.GetEscalationAsync(id)).GetProperty("status").GetString() == "slaBreached",
            TimeSpan.FromSeconds(30), "the breach");
        await app.Dispatched();
        TelemetryCapture.Flush(app.Services);

        var spans = telemetry.Spans;
        var byId = spans.ToDictionary(s => s.SpanId);
        var intake = Assert.Single(spans, s => s.Kind == ActivityKind.Server && Tag(s, "http.request.method") == "POST" && Tag(s, "http.route")?.TrimEnd('/') == "/api/escalations");
        var breachEmail = Assert.Single(spans, s => s.DisplayName == "dispatch Notification" && Tag(s, "escalation.id") == id && Tag(s, "notification.kind") == "SlaBreached");
        var chain = new List<Activity> { breachEmail };
        // Up to the intake's server span (above it is only this test's own HTTP client, in the same process).
        while (chain[^1].Kind != ActivityKind.Server && byId.TryGetValue(chain[^1].ParentSpanId, out var parent)) chain.Add(parent);

        Assert.Equal(
            ["dispatch Notification", "apply TimerElapsed", "timer CallbackSla", "apply EscalationRequested", intake.DisplayName],
            chain.Select(s => s.DisplayName));
        Assert.Same(intake, chain[^1]);
        Assert.All(chain, s => Assert.Equal(intake.TraceId, s.TraceId));
        // The hold timer is in the same trace too.
        Assert.Contains(spans, s => s.DisplayName == "timer SupervisorHold" && s.TraceId == intake.TraceId);

        // The de-escalation request is its own trace (the platform's), linked to the escalation's; its effects joined the escalation's.
        var deEscalation = Assert.Single(spans, s => s.DisplayName == "apply DeEscalationAttempted");
        Assert.NotEqual(intake.TraceId, deEscalation.TraceId);
        Assert.Contains(deEscalation.Links, l => l.Context.TraceId == intake.TraceId);
        Assert.EndsWith("/deescalation", Tag(byId[deEscalation.ParentSpanId], "http.route"), StringComparison.Ordinal);

        // Storage calls are client spans named by kind, under the work that made them: the intake's commit is its insert batch.
        var intakeApply = chain[^2];
        Assert.Contains(spans, s => s.Kind == ActivityKind.Client && s.DisplayName == "table.batch" && s.ParentSpanId == intakeApply.SpanId);
        Assert.Contains(spans, s => s.Kind == ActivityKind.Client && s.DisplayName == "queue.put" && s.TraceId == intake.TraceId);
    }

    /// <summary>
    /// With a connection string, the Azure Monitor exporter sends requests, spans, logs and metrics to the ingestion
    /// endpoint it names (here a local stand-in): the same telemetry, with no customer data in it.
    /// </summary>
    [Fact]
    public async Task With_a_connection_string_the_telemetry_reaches_application_insights_without_customer_data()
    {
        using var ingestion = new IngestionServer();
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?>
        {
            [TelemetryExtensions.ApplicationInsightsVariable] = $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint={ingestion.Url}",
        });
        var created = await TestApp.ReadAsync(await app.PostAsync("/api/escalations", TestApp.Intake("CONTACT-SENTINEL-5", "ACCT-SENTINEL-5", threats: ["bbb"], notes: "NOTES-SENTINEL")));
        var id = created.GetProperty("id").GetString()!;
        await app.Client.GetAsync("/api/accounts/ACCT-SENTINEL-5/history");
        await app.Dispatched();

        string all = "";
        await TestApp.Eventually(() =>
        {
            TelemetryCapture.Flush(app.Services);
            all = string.Join("\n", ingestion.Batches);
            return Task.FromResult(all.Contains("\"baseType\":\"RequestData\"", StringComparison.Ordinal)
                && all.Contains("apply EscalationRequested", StringComparison.Ordinal)
                && all.Contains("escalations.started", StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(30), "the exported telemetry");

        Assert.All(ingestion.Batches, b => Assert.StartsWith("/v2.1/track", b, StringComparison.Ordinal));
        Assert.Contains(id, all, StringComparison.Ordinal);
        Assert.Contains("{accountId}", all, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", all, StringComparison.Ordinal);
        Assert.DoesNotContain("555 0100", all, StringComparison.Ordinal);
    }

    /// <summary>Application Insights with local authentication off: the identity comes from the authentication string the Bicep sets.</summary>
    [Theory]
    [InlineData("Authorization=AAD;ClientId=3f2504e0-4f89-11d3-9a0c-0305e82c3301", true)]
    [InlineData("ClientId=3f2504e0-4f89-11d3-9a0c-0305e82c3301; authorization=aad", true)]
    [InlineData("Authorization=AAD", true)]
    [InlineData("ClientId=3f2504e0-4f89-11d3-9a0c-0305e82c3301", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void The_managed_identity_signs_in_only_when_the_authentication_string_says_AAD(string? authentication, bool identity) =>
        Assert.Equal(identity, TelemetryExtensions.Credential(authentication) is Azure.Identity.ManagedIdentityCredential);

    private static string? Tag(Activity span, string key) => span.GetTagItem(key)?.ToString();
}
