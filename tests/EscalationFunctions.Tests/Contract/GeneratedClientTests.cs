using EscalationFunctions.Tests.Generated;

namespace EscalationFunctions.Tests.Contract;

/// <summary>
/// The client NSwag generates from the checked-in document at build time, against the real app: what an
/// integrator gets by generating a client from the contract, with nothing written by hand.
/// </summary>
[Collection(ApiTests.Name)]
public class GeneratedClientTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_generated_client_drives_a_whole_lifecycle_and_reads_the_lists()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var client = new EscalationsClient(app.Client);
        var account = "acct-" + Guid.NewGuid().ToString("N")[..8];

        var health = await client.HealthAsync();
        var started = await client.StartEscalationAsync(new StartEscalationRequest
        {
            ContactId = "cx-" + Guid.NewGuid().ToString("N")[..12],
            AccountId = account,
            Agent = new AgentBody { Id = "ag-17", Name = "Sam Rivera", Affiliation = AgentAffiliation.Bpo, Vendor = "Acme" },
            Category = RequestCategory.General,
            Threats = [ThreatKind.Bbb],
            CallbackPhone = "+1 555 0100",
        }, idempotency_Key: "intake-" + account);
        var id = started.Id;
        var held = await client.ReportDeEscalationAsync(id, new DeEscalationRequest { Resolved = false });
        var pending = await client.ReportNoSupervisorAvailableAsync(id);
        var claimed = await client.ClaimCallbackAsync(id, new SupervisorRequest { SupervisorId = "sup-1", SupervisorName = "Pat Lee" });
        await app.Dispatched();
        var queue = await client.ListEscalationsAsync(status: Status.CallbackPending, accountId: account, pageSize: 10);
        var engaged = await client.CompleteCallbackAsync(id, new CompleteCallbackRequest { SupervisorId = "sup-1", Resolved = false, Notes = "Needs a manager." });
        var resolved = await client.ResolveEscalationAsync(id, new ResolveRequest { By = "mgr-1", Resolution = "Credit applied." });
        await app.Dispatched();
        var read = await client.GetEscalationAsync(id);
        var history = await client.GetAccountHistoryAsync(account, pageSize: 50);

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(EscalationStatus.DeEscalating, started.Status);
        Assert.Equal([ThreatKind.Bbb], started.Threats);
        Assert.Equal(EscalationStatus.AwaitingSupervisor, held.Status);
        Assert.Equal(EscalationStatus.CallbackPending, pending.Status);
        Assert.Contains("turnaround", pending.NextStep.CallerScript, StringComparison.Ordinal);
        Assert.Equal("sup-1", claimed.Callback.Owner.Id);
        Assert.Equal(id, Assert.Single(queue.Items).EscalationId);
        Assert.Equal(EscalationStatus.ManagementEngaged, engaged.Status);
        Assert.Equal(EscalationStatus.Resolved, resolved.Status);
        Assert.False(read.Open);
        Assert.Equal("Credit applied.", read.Resolution.Text);
        Assert.Contains(read.History, h => h.Action == HistoryAction.ManagementAssistanceRequested);
        Assert.Contains(history.Items, h => h.EscalationId == id && h.Action == HistoryAction.Resolved);
    }

    [Fact]
    public async Task A_generated_client_gets_refusals_as_typed_problem_details()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var client = new EscalationsClient(app.Client);
        var started = await client.StartEscalationAsync(new StartEscalationRequest
        {
            ContactId = "cx-" + Guid.NewGuid().ToString("N")[..12],
            AccountId = "acct-" + Guid.NewGuid().ToString("N")[..8],
            Agent = new AgentBody { Id = "ag-17", Name = "Sam Rivera", Affiliation = AgentAffiliation.InHouse },
            Category = RequestCategory.General,
        });

        var conflict = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() =>
            client.CompleteCallbackAsync(started.Id, new CompleteCallbackRequest { SupervisorId = "sup-1", Resolved = true }));
        var missing = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => client.GetEscalationAsync("esc-000000000000000000000000"));
        var invalid = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() =>
            client.PickUpEscalationAsync(started.Id, new SupervisorRequest { SupervisorId = "not an id" }));

        Assert.Equal(409, conflict.StatusCode);
        Assert.Equal("urn:escalation-functions:problem:invalid-transition", conflict.Result.Type);
        Assert.Equal(EscalationStatus.DeEscalating, conflict.Result.State);
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal("urn:escalation-functions:problem:not-found", missing.Result.Type);
        Assert.Equal(400, invalid.StatusCode);
        Assert.True(invalid.Result.Errors.ContainsKey("supervisorId"));
        Assert.False(string.IsNullOrEmpty(invalid.Result.TraceId));
    }
}
