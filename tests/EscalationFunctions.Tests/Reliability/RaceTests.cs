using System.Net;
using Azure.Data.Tables;

namespace EscalationFunctions.Tests.Reliability;

/// <summary>A hundred callers at once on one escalation, over real HTTP: the ETag lets exactly one through.</summary>
[Collection(ApiTests.Name)]
public class RaceTests(AzuriteFixture azurite)
{
    private const int Callers = 100;

    [Fact]
    public async Task A_hundred_concurrent_pickups_exactly_one_gets_200_and_the_rest_a_409_naming_the_holder()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var id = await EscalationsApiTests.StartAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false })).StatusCode);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var pickups = Enumerable.Range(0, Callers).Select(async i =>
        {
            await go.Task;
            using var response = await app.PostAsync($"/api/escalations/{id}/pickup", new { supervisorId = $"sup-{i}" });
            return (Supervisor: $"sup-{i}", response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        go.SetResult();
        var calls = await Task.WhenAll(pickups);

        var winner = Assert.Single(calls, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(calls.Where(a => a != winner), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.StatusCode);
            Assert.Contains("urn:escalation-functions:problem:", a.Body, StringComparison.Ordinal);
        });
        Assert.Contains(calls, a => a.Body.Contains($"held by supervisor {winner.Supervisor}", StringComparison.Ordinal));
        var state = await app.GetEscalationAsync(id);
        Assert.Equal("supervisorHandling", state.GetProperty("status").GetString());
        Assert.Equal(winner.Supervisor, state.GetProperty("supervisor").GetProperty("id").GetString());
        Assert.Equal(3, state.GetProperty("version").GetInt32());
        Assert.Single(state.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "supervisorTookOver");
    }

    [Fact]
    public async Task A_hundred_concurrent_duplicate_intakes_make_one_escalation()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var contact = "contact-" + Guid.NewGuid().ToString("N");
        var account = "acct-" + Guid.NewGuid().ToString("N")[..8];
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var starts = Enumerable.Range(0, Callers).Select(async _ =>
        {
            await go.Task;
            using var response = await app.PostAsync("/api/escalations", TestApp.Intake(contact, account, threats: ["bbb"]));
            return (response.StatusCode, Body: await TestApp.ReadAsync(response));
        }).ToList();
        go.SetResult();
        var answers = await Task.WhenAll(starts);

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
        var id = Assert.Single(answers.Select(a => a.Body.GetProperty("id").GetString()).Distinct());
        var partition = new List<TableEntity>();
        await foreach (var row in app.Storage.Escalations.QueryAsync<TableEntity>(e => e.PartitionKey == id)) partition.Add(row);
        Assert.Single(partition, r => r.RowKey == "state");
        var state = await app.GetEscalationAsync(id!);
        Assert.Equal(1, state.GetProperty("version").GetInt32());
        Assert.Single(state.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "supervisorRequested");
        await TestApp.Eventually(() => Task.FromResult(app.MailFiles().Length > 0), TimeSpan.FromSeconds(10), "the threat email");
        Assert.Single(app.MailFiles());
        var history = await TestApp.ReadAsync(await app.Client.GetAsync($"/api/accounts/{account}/history"));
        Assert.Single(history.GetProperty("items").EnumerateArray(), h => h.GetProperty("action").GetString() == "supervisorRequested");
    }
}
