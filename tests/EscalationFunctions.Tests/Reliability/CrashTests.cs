using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Xunit.Abstractions;

namespace EscalationFunctions.Tests.Reliability;

/// <summary>
/// The app as its own process, killed with SIGKILL at random moments while it drives escalations through every
/// path and while their timers run. Afterwards every escalation must be where its events and timers put it:
/// nothing lost, nothing stuck, no transition applied twice, management told once per breach.
/// Size: CRASH_TEST_ESCALATIONS (default 300); seed: CRASH_TEST_SEED (default: random, printed).
/// </summary>
[Collection(ApiTests.Name)]
public partial class CrashTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    // Long enough that a caller's next step (retried through kills and restarts, on a busy machine) lands before the
    // timer it races; the one race left, a hold timer before "no supervisor available", ends the same way (see below).
    private static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CallbackSla = TimeSpan.FromSeconds(40);

    /// <summary>One way through the process: what the callers do, and where it must end.</summary>
    private sealed record Path(
        string Name,
        Func<string, object> Intake,
        (string Action, object? Body)[] Steps,
        string FinalStatus,
        HistoryCount[] History,
        string[] Emails);

    /// <summary>How many history entries of one action the finished escalation must have (Min..Max).</summary>
    private sealed record HistoryCount(string Action, int Min, int Max)
    {
        public static HistoryCount Once(string action) => new(action, 1, 1);
    }

    private static object Intake(string contact, string category = "general", string? disclosure = null, string[]? threats = null) => new
    {
        contactId = contact,
        accountId = "acct-" + contact,
        agent = new { id = "agent-7", name = "Agent", affiliation = "bpo", vendor = "Acme" },
        category,
        disclosure,
        threats,
        callbackPhone = "+1 555 0100",
    };

    private static readonly Path[] Paths =
    [
        new("de-escalated", c => Intake(c), [("deescalation", new { resolved = true })], "resolved",
            [HistoryCount.Once("supervisorRequested"), HistoryCount.Once("deEscalated")], []),
        new("supervisor takes over and resolves", c => Intake(c),
            [("deescalation", new { resolved = false }), ("pickup", new { supervisorId = "sup-1" }), ("resolve", new { by = "sup-1", resolution = "refund issued" })],
            "resolved",
            [HistoryCount.Once("supervisorRequested"), HistoryCount.Once("deEscalationFailed"), HistoryCount.Once("supervisorTookOver"), HistoryCount.Once("resolved")], []),
        new("no supervisor, callback never made: breach", c => Intake(c),
            [("deescalation", new { resolved = false }), ("no-supervisor-available", null)],
            "slaBreached",
            [HistoryCount.Once("supervisorRequested"), HistoryCount.Once("deEscalationFailed"), HistoryCount.Once("callbackRequestCreated"),
             new("breachWarningSent", 0, 1), HistoryCount.Once("slaBreached")],
            ["CallbackRequest", "SlaBreached"]),
        new("callback claimed and completed in time", c => Intake(c),
            [("deescalation", new { resolved = false }), ("no-supervisor-available", null), ("callback/claim", new { supervisorId = "sup-2" }),
             ("callback/complete", new { supervisorId = "sup-2", resolved = true })],
            "resolved",
            [HistoryCount.Once("supervisorRequested"), HistoryCount.Once("deEscalationFailed"), HistoryCount.Once("callbackRequestCreated"),
             HistoryCount.Once("callbackClaimed"), HistoryCount.Once("callbackCompleted"),
             // Completed before the due time, so never breached; on a slow run (restarts, retries) the claim and the
             // completion can land after the warning's time, or even the due time: then the owner is rightly warned,
             // and management told of the breach, once at most.
             new("breachWarningSent", 0, 1), new("slaBreached", 0, 1)],
            ["CallbackRequest"]),
        new("nobody picks up: hold timer, then breach", c => Intake(c), [("deescalation", new { resolved = false })],
            "slaBreached",
            [HistoryCount.Once("supervisorRequested"), HistoryCount.Once("deEscalationFailed"), HistoryCount.Once("callbackRequestCreated"),
             new("breachWarningSent", 0, 1), HistoryCount.Once("slaBreached")],
            ["CallbackRequest", "SlaBreached"]),
        new("medical emergency", c => Intake(c, disclosure: "medicalEmergency"), [], "medicalTransferred",
            [HistoryCount.Once("medicalWarmTransferred")], []),
        new("claim issue", c => Intake(c, category: "claim"), [], "claimTransferred",
            [HistoryCount.Once("claimWarmTransferred")], []),
        new("threat, supervisor asks management", c => Intake(c, threats: ["lawyer"]),
            [("deescalation", new { resolved = false }), ("pickup", new { supervisorId = "sup-3" }),
             ("management-assistance", new { supervisorId = "sup-3", reason = "customer wants a manager" })],
            "managementEngaged",
            [HistoryCount.Once("supervisorRequested"), HistoryCount.Once("threatDocumented"), HistoryCount.Once("deEscalationFailed"),
             HistoryCount.Once("supervisorTookOver"), HistoryCount.Once("managementAssistanceRequested")],
            ["ThreatFlagged", "ManagementAssistanceRequested"]),
    ];

    [Fact]
    public async Task Killed_at_random_moments_the_app_loses_nothing_leaves_nothing_stuck_and_applies_nothing_twice()
    {
        // 300 by default: on Azurite the task hub's history queries scan whole tables, so its cost grows with the
        // number of escalations in flight, and at 1,000 under kills Azurite's one thread saturates (see README, Reliability).
        var size = int.TryParse(Environment.GetEnvironmentVariable("CRASH_TEST_ESCALATIONS"), CultureInfo.InvariantCulture, out var n) ? n : 300;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CRASH_TEST_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Random.Shared.Next();
        output.WriteLine($"{size} escalations, seed {seed} (CRASH_TEST_ESCALATIONS, CRASH_TEST_SEED)");
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();

        await using var smtp = new SmtpTestServer();
        var prefix = TestStorage.NewPrefix();
        var settings = TestStorage.Settings(azurite.Azurite.ConnectionString, prefix);
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Escalation:SupervisorHoldTimeout"] = HoldTimeout.ToString(),
            ["Escalation:CallbackSla"] = CallbackSla.ToString(),
            ["Escalation:BreachWarningAt"] = "0.5",
            ["Runtime:SweepInterval"] = "00:00:05",
            ["Runtime:SweepGrace"] = "00:00:05",
            // A kill between claiming a notification and settling it leaves the claim; it must run out within the test.
            ["Runtime:ClaimLease"] = "00:00:10",
            ["Email:MaxPerMinute"] = "100000",
            ["Routing:ManagementTeam:0"] = "management@escalations.test",
            ["Routing:InHouseSupervisors:0"] = "supervisors@escalations.test",
            ["Routing:Vendors:Acme:Supervisors:0"] = "acme-sups@escalations.test",
            ["Logging:LogLevel:Default"] = "Warning",
        }.Concat(smtp.Settings()))
        {
            settings[key] = value;
        }

        await using var app = new AppProcess(settings);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };

        // The chaos: kill -9 every 1.5-4 s while callers drive escalations, and a few times more while timers run.
        using var driving = new CancellationTokenSource();
        var minimumKills = Math.Max(3, size / 150);
        var killsWhileDriving = 0;
        var chaos = Task.Run(async () =>
        {
            while (!driving.IsCancellationRequested || app.Kills < minimumKills || app.Kills - killsWhileDriving < 2)
            {
                if (!driving.IsCancellationRequested) killsWhileDriving = app.Kills;
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1500, 4000)));
                await app.KillAsync();
                await Task.Delay(random.Next(0, 500));
                await app.StartAsync();
            }
        });

        var ids = new string[size];
        // A supervisor who came after the hold timer had opened the callback (a slow step on a busy machine): that
        // escalation then takes the hold-timer route, and is judged by it.
        var late = new bool[size];
        var retries = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, size), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var path = Paths[i % Paths.Length];
            var contact = $"{prefix}-{i}";
            try
            {
                var (created, r) = await SendAsync(http, "/api/escalations", path.Intake(contact), $"{contact}-intake");
                Interlocked.Add(ref retries, r);
                var id = created.GetProperty("id").GetString()!;
                ids[i] = id;
                for (var step = 0; step < path.Steps.Length; step++)
                {
                    var (action, body) = path.Steps[step];
                    // The hold timer may open the callback before the platform says nobody is free (the same end), or
                    // before the supervisor picks up (then the supervisor stops: the callback route takes over).
                    var (answer, stepRetries) = await SendAsync(http, $"/api/escalations/{id}/{action}", body, $"{contact}-{step}",
                        alreadyDone: action is "no-supervisor-available" or "pickup" ? OnTheCallbackRoute : null);
                    Interlocked.Add(ref retries, stepRetries);
                    if (action == "pickup" && answer.TryGetProperty("type", out JsonElement _))
                    {
                        late[i] = true;
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                failures.Enqueue($"#{i} ({path.Name}): {ex.Message}");
            }
        });
        var drivenAfter = clock.Elapsed;
        await driving.CancelAsync();
        await chaos; // two more kills while the timers run
        Assert.True(failures.IsEmpty, $"{failures.Count} callers could not finish:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(20))}");

        // Every timer comes due within hold + SLA of the last request; then everything must be settled.
        Path Expected(int i) => late[i] ? HoldTimerRoute(Paths[i % Paths.Length]) : Paths[i % Paths.Length];
        var states = new JsonElement[size];
        var pending = Enumerable.Range(0, size).ToHashSet();
        var deadline = DateTime.UtcNow + HoldTimeout + CallbackSla + TestStorage.Patience;
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Parallel.ForEachAsync(pending.ToArray(), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                states[i] = await GetAsync(http, ids[i]);
                if (states[i].GetProperty("status").GetString() == Expected(i).FinalStatus && states[i].GetProperty("pendingTimers").GetArrayLength() == 0)
                    lock (pending) pending.Remove(i);
            });
            if (pending.Count > 0) await Task.Delay(1000);
        }

        // Let the last notifications' outbox work finish, then read everything once more.
        var storage = new TableServiceClient(azurite.Azurite.ConnectionString);
        var escalations = storage.GetTableClient(prefix + "Escalations");
        var outboxLeft = await TestStorage.CountRowsAsync(escalations, "outbox|");
        for (var wait = 0; outboxLeft > 0 && wait < 30; wait++)
        {
            await Task.Delay(1000);
            outboxLeft = await TestStorage.CountRowsAsync(escalations, "outbox|");
        }

        for (var i = 0; i < size; i++) states[i] = await GetAsync(http, ids[i]);
        var mails = smtp.Received.Select(m => MessageId().Match(m.Data)).Where(m => m.Success)
            .Select(m => (Escalation: m.Groups["id"].Value, Kind: m.Groups["kind"].Value, Version: m.Groups["version"].Value)).ToList();
        var deadLetters = await TestStorage.CountRowsAsync(storage.GetTableClient(prefix + "DeadLetters"), null);

        var problems = new List<string>();
        var breaches = 0;
        for (var i = 0; i < size; i++)
        {
            var path = Expected(i);
            var state = states[i];
            var label = $"#{i} {ids[i]} ({path.Name})";
            var status = state.GetProperty("status").GetString();
            if (status != path.FinalStatus) problems.Add($"{label}: {status}, expected {path.FinalStatus} (stuck)");
            if (state.GetProperty("pendingTimers").GetArrayLength() > 0) problems.Add($"{label}: timers still pending");

            var history = state.GetProperty("history").EnumerateArray().ToList();
            var sequences = history.Select(h => h.GetProperty("sequence").GetInt32()).ToList();
            if (!sequences.SequenceEqual(Enumerable.Range(0, history.Count))) problems.Add($"{label}: history sequences {string.Join(",", sequences)}");
            var actions = history.Select(h => h.GetProperty("action").GetString()!).Where(a => a != "notified").ToList();
            foreach (var expected in path.History)
            {
                var count = actions.Count(a => a == expected.Action);
                if (count < expected.Min || count > expected.Max) problems.Add($"{label}: {count} × {expected.Action} in the history");
            }

            var unexpected = actions.Except(path.History.Select(h => h.Action)).ToList();
            if (unexpected.Count > 0) problems.Add($"{label}: unexpected history {string.Join(", ", unexpected)}");

            var sent = mails.Where(m => m.Escalation == ids[i]).ToList();
            var kinds = sent.Select(m => m.Kind).Distinct().Where(k => k != "BreachWarning").Order().ToList();
            // A breach the path allows (a completion that landed late) brings its notice.
            var emails = actions.Contains("slaBreached") ? path.Emails.Append("SlaBreached").Distinct().ToArray() : path.Emails;
            if (!kinds.SequenceEqual(emails.Order())) problems.Add($"{label}: emails {string.Join(", ", kinds)}, expected {string.Join(", ", emails)}");
            var breachNotices = sent.Where(m => m.Kind == "SlaBreached").Select(m => m.Version).Distinct().Count();
            if (breachNotices != actions.Count(a => a == "slaBreached")) problems.Add($"{label}: {breachNotices} distinct breach notifications for {actions.Count(a => a == "slaBreached")} breaches");
            breaches += breachNotices;
        }

        var duplicates = mails.Count - mails.Distinct().Count();
        output.WriteLine($"supervisors who came after the hold timer: {late.Count(l => l)}");
        output.WriteLine($"driven in {drivenAfter.TotalSeconds:0.0} s, settled after {clock.Elapsed.TotalSeconds:0.0} s; app started {app.Starts} times, killed {app.Kills} times");
        output.WriteLine($"requests retried after a kill: {retries}; emails delivered: {mails.Count} ({duplicates} repeated deliveries of the same Message-ID); breaches: {breaches}");
        output.WriteLine($"lost: {ids.Count(id => id is null)}, stuck or wrong: {problems.Count}, effects never performed: {outboxLeft}, dead letters: {deadLetters}");
        foreach (var problem in problems.Take(30)) output.WriteLine(problem);
        // For a stuck escalation, what its orchestration holds in the task hub: the instance row and the history.
        foreach (var stuck in problems.Select(p => p.Split(' ')[1]).Distinct().Take(5))
            output.WriteLine(await DescribeOrchestrationAsync(storage, prefix + "hub", stuck));

        Assert.True(app.Kills >= minimumKills, $"only {app.Kills} kills");
        Assert.Empty(problems);
        Assert.Equal(0, outboxLeft);
        Assert.Equal(0, deadLetters);
        Assert.True(breaches >= Enumerable.Range(0, size).Count(i => Expected(i).FinalStatus == "slaBreached"), $"{breaches} breach notices");
    }

    /// <summary>
    /// What a platform does: send with an Idempotency-Key, and on a dropped connection, a timeout or a 5xx send the
    /// same request again until it gets an answer. Any 4xx is a failure of the run.
    /// </summary>
    /// <summary>A refusal because the hold timer already opened the callback (and perhaps its SLA ran out since).</summary>
    private static bool OnTheCallbackRoute(string problem) =>
        problem.Contains("\"state\":\"callbackPending\"", StringComparison.Ordinal) || problem.Contains("\"state\":\"slaBreached\"", StringComparison.Ordinal);

    /// <summary>
    /// Where a path goes when its supervisor came after the hold timer: the callback is opened, nobody makes it, the
    /// SLA breaches; a threat reported at intake is still documented and its supervisor emailed.
    /// </summary>
    private static Path HoldTimerRoute(Path path)
    {
        var route = Paths.Single(p => p.Name.StartsWith("nobody picks up", StringComparison.Ordinal));
        var threat = path.History.Any(h => h.Action == "threatDocumented");
        return route with
        {
            Name = path.Name + ", supervisor too late",
            History = threat ? [.. route.History, HistoryCount.Once("threatDocumented")] : route.History,
            Emails = threat ? [.. route.Emails, "ThreatFlagged"] : route.Emails,
        };
    }

    /// <summary>
    /// Sends until answered, as a platform retries (same Idempotency-Key). <paramref name="alreadyDone"/>: text of a
    /// 409 that means the step's end was reached another way, taken as done (the problem is returned).
    /// </summary>
    private static async Task<(JsonElement Body, int Retries)> SendAsync(HttpClient http, string path, object? body, string key, Func<string, bool>? alreadyDone = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode) return (JsonDocument.Parse(text).RootElement.Clone(), attempt);
                if (alreadyDone is not null && response.StatusCode == HttpStatusCode.Conflict && alreadyDone(text))
                    return (JsonDocument.Parse(text).RootElement.Clone(), attempt);
                if ((int)response.StatusCode < 500 && !text.Contains("concurrent-update", StringComparison.Ordinal))
                    throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{path}: no answer within 90 s");
            await Task.Delay(200);
        }
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, string id)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"/api/escalations/{id}", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK) return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
                if (response.StatusCode == HttpStatusCode.NotFound) throw new InvalidOperationException($"{id} was lost");
            }
            catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException) && attempt < 100)
            {
            }

            await Task.Delay(200);
        }
    }

    /// <summary>An orchestration as the task hub stores it: its instance row, then its history events in order.</summary>
    private static async Task<string> DescribeOrchestrationAsync(TableServiceClient storage, string hub, string id)
    {
        var lines = new List<string> { $"orchestration {id}:" };
        await foreach (var row in storage.GetTableClient(hub + "Instances").QueryAsync<TableEntity>(e => e.PartitionKey == id))
            lines.Add($"  instance: {row.GetString("RuntimeStatus")}, custom status {row.GetString("CustomStatus")}, updated {row.GetDateTimeOffset("LastUpdatedTime"):O}, execution {row.GetString("ExecutionId")}");
        await foreach (var row in storage.GetTableClient(hub + "History").QueryAsync<TableEntity>(e => e.PartitionKey == id))
            lines.Add($"  {row.RowKey} {row.GetString("EventType")} {row.GetString("Name")} {row.GetString("ExecutionId")?[..8]} {row.GetDateTime("Timestamp"):HH:mm:ss.fff} fireAt {row.GetDateTime("FireAt"):HH:mm:ss.fff}");
        return string.Join(Environment.NewLine, lines);
    }

    [GeneratedRegex(@"Message-I[dD]: <(?<id>esc-[0-9a-f]+)_(?<kind>[A-Za-z]+)_(?<version>\d+)@escalation-functions>")]
    private static partial Regex MessageId();
}
