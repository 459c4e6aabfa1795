using System.Net;
using Azure.Data.Tables;
using Xunit.Abstractions;

namespace EscalationFunctions.Tests.Reliability;

/// <summary>A hundred callers at once on one escalation, over real HTTP: the ETag lets exactly one through.</summary>
[Collection(ApiTests.Name)]
public class RaceTests(AzuriteFixture azurite, ITestOutputHelper output)
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
        await DuplicateIntakesMakeOneEscalationAsync(app);
    }

    /// <summary>
    /// The same race on storage that is slow (every chunk held 60-120 ms by a relay) against a storage timeout of
    /// 600 ms, so that some calls outlast it and are retried, and some requests run out of tries: still one
    /// escalation, no 500 and no error logged; a request storage could not serve in time is a 503 with Retry-After.
    /// </summary>
    [Fact]
    public async Task Duplicate_intakes_on_slow_storage_make_one_escalation_and_answer_201_200_or_503_never_500()
    {
        await using var tables = new TcpRelay(azurite.Azurite.TablePort);
        await using var queues = new TcpRelay(azurite.Azurite.QueuePort);
        var logs = new CapturingLoggerProvider();
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?> { ["Runtime:StorageTimeout"] = "00:00:00.600" },
            connectionString: azurite.Azurite.ConnectionStringVia(queues.Port, tables.Port), logs: logs);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/health")).StatusCode);
        var intake = TestApp.Intake("contact-" + Guid.NewGuid().ToString("N"), "acct-" + Guid.NewGuid().ToString("N")[..8]);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        tables.Latency = queues.Latency = TimeSpan.FromMilliseconds(60);
        var starts = Enumerable.Range(0, Callers).Select(async _ =>
        {
            await go.Task;
            using var response = await app.PostAsync("/api/escalations", intake);
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        go.SetResult();
        var answers = await Task.WhenAll(starts);
        tables.Latency = queues.Latency = TimeSpan.Zero;

        var counts = answers.GroupBy(a => (int)a.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}");
        output.WriteLine(string.Join(", ", counts));
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable), a =>
        {
            Assert.NotNull(a.RetryAfter);
            Assert.Contains("urn:escalation-functions:problem:storage-unavailable", a.Body, StringComparison.Ordinal);
        });
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.Created) <= 1, "at most one caller created it");
        // How many of the burst outlast the timeout depends on the machine; a chunk held longer than the timeout
        // makes every try outlast it, whatever the machine: that intake must be a 503 too.
        tables.Latency = queues.Latency = TimeSpan.FromMilliseconds(700);
        using var tooSlow = await app.PostAsync("/api/escalations", TestApp.Intake("contact-" + Guid.NewGuid().ToString("N")));
        tables.Latency = queues.Latency = TimeSpan.Zero;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, tooSlow.StatusCode);
        Assert.NotNull(tooSlow.Headers.RetryAfter);
        var errors = logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Take(5)));

        // Whatever the answers, the escalation exists once: a caller that got a 503 retries (as Retry-After says,
        // sooner here) and gets it, once the relay has let through what it was still holding.
        HttpResponseMessage retried = null!;
        await TestApp.Eventually(async () =>
        {
            retried = await app.PostAsync("/api/escalations", intake);
            return retried.StatusCode != HttpStatusCode.ServiceUnavailable;
        }, TimeSpan.FromSeconds(60), "an answer other than 503 once storage is fast again");
        Assert.Contains(retried.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK });
        var id = (await TestApp.ReadAsync(retried)).GetProperty("id").GetString()!;
        var rows = new List<TableEntity>();
        await foreach (var row in app.Storage.Escalations.QueryAsync<TableEntity>(e => e.PartitionKey == id)) rows.Add(row);
        Assert.Single(rows, r => r.RowKey == "state");
        Assert.Equal(1, (await app.GetEscalationAsync(id)).GetProperty("version").GetInt32());
    }

    private static async Task DuplicateIntakesMakeOneEscalationAsync(TestApp app)
    {
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
