using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Escalations.Runtime.Storage;

namespace EscalationFunctions.Tests;

/// <summary>
/// The platform waits with a caller on the line: a function answers once its commit is stored, and everything
/// else (the email above all) happens after, off the request path.
/// </summary>
[Collection(ApiTests.Name)]
public class AnswerAtTheCommitTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_platform_gets_its_answer_while_the_relay_has_not_yet_accepted_the_email()
    {
        await using var smtp = new SmtpTestServer();
        await using var app = TestApp.Start(azurite.Azurite, smtp.Settings());
        var id = await EscalationsApiTests.StartAsync(app);
        await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
        var relay = smtp.Hold();

        var answer = await app.PostAsync($"/api/escalations/{id}/no-supervisor-available", null);
        await TestApp.Eventually(() => Task.FromResult(smtp.Pending == 1), TimeSpan.FromSeconds(30), "the email to reach the relay");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("callbackPending", (await TestApp.ReadAsync(answer)).GetProperty("status").GetString());
        Assert.Empty(smtp.Received);
        // Read-your-writes: the caller sees the committed state at once.
        Assert.Equal("callbackPending", (await app.GetEscalationAsync(id)).GetProperty("status").GetString());

        relay.SetResult();
        await app.Dispatched();
        var mail = Assert.Single(smtp.Received);
        Assert.Equal(["acme-sups@example.com"], mail.To);
    }

    [Fact]
    public async Task Intake_and_actions_wait_for_at_most_two_storage_round_trips_before_the_answer()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var counter = app.Services.GetRequiredService<StorageOperationCounter>();
        counter.Reset();

        var withCallback = await EscalationsApiTests.StartAsync(app);
        await app.PostAsync($"/api/escalations/{withCallback}/deescalation", new { resolved = false });
        await app.PostAsync($"/api/escalations/{withCallback}/no-supervisor-available", null);
        await app.PostAsync($"/api/escalations/{withCallback}/callback/claim", new { supervisorId = "sup-1" });
        await app.PostAsync($"/api/escalations/{withCallback}/threats", new { kinds = new[] { "lawyer" } });
        await app.PostAsync($"/api/escalations/{withCallback}/callback/complete", new { supervisorId = "sup-1", resolved = false });
        await app.PostAsync($"/api/escalations/{withCallback}/resolve", new { by = "mgr-1", resolution = "refunded" });
        var takenOver = await EscalationsApiTests.StartAsync(app);
        await app.PostAsync($"/api/escalations/{takenOver}/deescalation", new { resolved = false });
        await app.PostAsync($"/api/escalations/{takenOver}/pickup", new { supervisorId = "sup-2" });
        await app.PostAsync($"/api/escalations/{takenOver}/management-assistance", new { supervisorId = "sup-2", reason = "refund over limit" });
        var retry = await app.PostAsync("/api/escalations", TestApp.Intake("retried-" + Guid.NewGuid().ToString("N")));
        var stats = counter.RequestSnapshot();

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        string[] functions = ["StartEscalation", "ReportDeEscalation", "ReportNoSupervisorAvailable", "ClaimCallback", "ReportThreats",
            "CompleteCallback", "ResolveEscalation", "PickUpEscalation", "RequestManagementAssistance"];
        Assert.All(functions, f =>
        {
            Assert.True(stats.ContainsKey(f), $"{f} was not recorded.");
            Assert.InRange(stats[f].MaxRoundTrips, 1, 2);
        });
        // An intake inserts without reading the escalation first: the repeat-call lookup, the outbox message, the insert.
        Assert.Equal(3.0, stats["StartEscalation"].CallsPerRequest);
    }
}
