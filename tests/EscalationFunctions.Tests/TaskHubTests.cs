using Azure.Data.Tables;
using Escalations.Orchestration;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationFunctions.Tests;

/// <summary>The development host's task hub: the Azure Storage engine on the app's own storage account.</summary>
[Collection(ApiTests.Name)]
public class TaskHubTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_intake_starts_the_escalation_orchestration_on_the_azure_storage_engine_and_it_fires_the_hold()
    {
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?>
        {
            ["DevHost:TaskHub:Engine"] = "AzureStorage",
            ["Escalation:SupervisorHoldTimeout"] = "00:00:02",
        });
        var id = await EscalationsApiTests.StartAsync(app);
        await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });

        var client = app.Services.GetRequiredService<DurableTaskClient>();

        await TestApp.Eventually(async () => (await app.GetEscalationAsync(id)).GetProperty("status").GetString() == "callbackPending",
            TimeSpan.Zero, "the hold timer, fired by the orchestration");
        // The clock moves on to the callback's warning, and keeps running.
        await TestApp.Eventually(async () => (await client.GetInstanceAsync(id, getInputsAndOutputs: true)) is { RuntimeStatus: OrchestrationRuntimeStatus.Running } instance
            && instance.ReadCustomStatusAs<ClockStatus>()?.NextTimer == Escalations.Domain.TimerKind.BreachWarning, TimeSpan.Zero, "the warning armed next");
        // The engine keeps its history in the app's storage account, in tables named after the task hub.
        var history = new TableServiceClient(azurite.Azurite.ConnectionString).GetTableClient(app.Prefix + "hubHistory");
        var rows = 0;
        await foreach (var _ in history.QueryAsync<TableEntity>(e => e.PartitionKey == id, select: ["RowKey"])) rows++;
        Assert.True(rows > 0, "the orchestration's history is in the task hub's History table");
    }

    [Fact]
    public async Task Timers_in_flight_still_fire_after_the_app_restarts()
    {
        var prefix = TestStorage.NewPrefix();
        var settings = new Dictionary<string, string?>
        {
            ["DevHost:TaskHub:Engine"] = "AzureStorage",
            ["Escalation:SupervisorHoldTimeout"] = "00:00:04",
        };
        string id;
        DateTimeOffset due;
        await using (var before = TestApp.Start(azurite.Azurite, settings, prefix: prefix))
        {
            id = await EscalationsApiTests.StartAsync(before);
            var held = await TestApp.ReadAsync(await before.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false }));
            due = held.GetProperty("pendingTimers")[0].GetProperty("dueAt").GetDateTimeOffset();
            var client = before.Services.GetRequiredService<DurableTaskClient>();
            await TestApp.Eventually(async () => (await client.GetInstanceAsync(id, getInputsAndOutputs: true))?.ReadCustomStatusAs<ClockStatus>()?.NextTimer == Escalations.Domain.TimerKind.SupervisorHold,
                TimeSpan.Zero, "the hold armed before the app stops");
        }

        Assert.True(DateTimeOffset.UtcNow < due, "the app stopped before the hold was due");
        await using var after = TestApp.Start(azurite.Azurite, settings, prefix: prefix);
        await TestApp.Eventually(async () => (await after.GetEscalationAsync(id)).GetProperty("status").GetString() == "callbackPending",
            TimeSpan.Zero, "the hold timer, fired after the restart");
        var opened = (await after.GetEscalationAsync(id)).GetProperty("history").EnumerateArray().Single(h => h.GetProperty("action").GetString() == "callbackRequestCreated");
        Assert.True(opened.GetProperty("at").GetDateTimeOffset() >= due, "never early");
    }
}
