namespace EscalationFunctions.Tests;

[Collection(ApiTests.Name)]
public class PrivacyTests(AzuriteFixture azurite)
{
    /// <summary>
    /// A lifecycle with sentinel values, at Trace level: neither the log lines nor anything the OpenTelemetry
    /// exporters would send (span names, attributes, links, log records, metric tags; captured with the in-memory
    /// exporter beside the app's own wiring) carries an account id, a contact id, a name, a phone number or notes.
    /// </summary>
    [Fact]
    public async Task No_customer_data_or_free_text_reaches_the_logs_or_the_telemetry()
    {
        var logs = new CapturingLoggerProvider();
        var telemetry = new TelemetryCapture();
        await using var app = TestApp.Start(azurite.Azurite, logs: logs, telemetry: telemetry, settings: new Dictionary<string, string?>
        {
            ["Escalation:SupervisorHoldTimeout"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Trace",
        });
        const string account = "ACCT-SENTINEL-4411";
        const string notes = "NOTES-SENTINEL-caller-was-upset";
        var intake = new
        {
            contactId = "CONTACT-SENTINEL-77",
            accountId = account,
            agent = new { id = "agent-1", name = "AGENTNAME-SENTINEL", affiliation = "bpo", vendor = "Acme" },
            category = "general",
            threats = new[] { "lawyer" },
            callbackPhone = "+1 555 0199",
            notes,
        };

        var created = await TestApp.ReadAsync(await app.PostAsync("/api/escalations", intake));
        var id = created.GetProperty("id").GetString()!;
        await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false, notes });
        await TestApp.Eventually(async () => (await app.GetEscalationAsync(id)).GetProperty("status").GetString() == "callbackPending",
            TimeSpan.FromSeconds(20), "the callback request");
        await app.Client.GetAsync($"/api/accounts/{account}/history");
        await app.PostAsync("/api/escalations", new { contactId = "x", accountId = account, agent = new { id = "a", name = "n", affiliation = "martian" }, category = "general" });
        await app.PostAsync("/api/escalations", TestApp.Intake("CONTACT-SENTINEL-78", "ACCT-SENTINEL-MED", disclosure: "medicalEmergency", notes: "MEDICAL-SENTINEL-details"));
        await app.Dispatched(); // the scan covers what the effects log after the answers too

        TelemetryCapture.Flush(app.Services);
        var exported = telemetry.ExportedText();

        Assert.Contains(logs.Lines, line => line.Contains($"Escalation {id}: DeEscalationAttempted applied", StringComparison.Ordinal));
        // The scan saw the telemetry of the whole path: requests (the account's history among them), the workflow,
        // storage, dispatch, the hold timer, log records and metrics.
        Assert.Contains(telemetry.Spans, s => s.GetTagItem("http.route") is string route && route.Contains("{accountId}", StringComparison.Ordinal));
        Assert.Contains("apply DeEscalationAttempted", exported);
        Assert.Contains("timer SupervisorHold", exported);
        Assert.Contains("table.batch", exported);
        Assert.Contains(exported, t => t.Contains($"Escalation {id}: DeEscalationAttempted applied", StringComparison.Ordinal));
        Assert.Contains("escalations.started", exported);
        foreach (var sentinel in new[] { "SENTINEL", "555 0199" })
        {
            Assert.DoesNotContain(logs.Lines, line => line.Contains(sentinel, StringComparison.Ordinal));
            Assert.DoesNotContain(exported, text => text.Contains(sentinel, StringComparison.Ordinal));
        }
    }
}
