using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Escalations.Notifications;
using Escalations.Testing;
using Microsoft.Extensions.DependencyInjection;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;

/// <summary>
/// What the contact-center platform sees, on an app of its own that emails over SMTP to a local relay taking a
/// while to accept each message: a burst of simultaneous BPO no-supervisor-available calls (each raises a callback
/// request email) on a fresh send-rate window; then, once the burst's first window of emails has gone out, the same
/// call and a pickup (no email) one at a time, alternating; whether every raised email was delivered exactly once
/// and how long the burst's emails took behind the send-rate limit; the storage calls each function awaited before
/// answering; and intake latency at 1 and 16 callers once nothing is left to send.
/// </summary>
internal static class PlatformCalls
{
    private static readonly TimeSpan DeliveryCap = TimeSpan.FromMinutes(15);

    public static async Task RunAsync(string connection, TimeSpan relayDelay, bool smoke)
    {
        var burstSize = Environment.GetEnvironmentVariable("BENCH_BURST") is { Length: > 0 } burst
            ? int.Parse(burst, System.Globalization.CultureInfo.InvariantCulture)
            : smoke ? 20 : 100;
        var sequential = smoke ? 10 : 50;
        var intakes = smoke ? 50 : 200;

        await using var smtp = new SmtpTestServer { AcceptDelay = relayDelay };
        var prefix = TestStorage.NewPrefix();
        var (app, http) = await BenchApp.StartAsync(connection, new Dictionary<string, string>
        {
            // The production defaults, not the tests' fast polling and short grace.
            ["Runtime:PollInterval"] = "00:00:01",
            ["Runtime:DispatchGrace"] = "00:00:30",
            ["Escalation:SupervisorHoldTimeout"] = "01:00:00",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:UseStartTls"] = "false",
            ["Routing:Vendors:Acme:Supervisors:0"] = "acme-supervisors@example.com",
            ["Routing:ManagementTeam:0"] = "management@example.com",
            ["Routing:InHouseSupervisors:0"] = "supervisors@example.com",
        }, TimeSpan.FromMinutes(2));
        await using var running = app;
        using var client = http;
        var counter = app.Services.GetRequiredService<StorageOperationCounter>();
        var dispatch = app.Services.GetRequiredService<InProcessDispatch>();
        var email = app.Services.GetRequiredService<EmailOptions>();
        var clock = Stopwatch.StartNew();
        using var watching = new CancellationTokenSource();
        var deliveries = new List<(TimeSpan At, ReceivedMail Mail)>();
        var watcher = WatchAsync(smtp, clock, deliveries, watching.Token);
        counter.Reset();

        // Escalations brought to awaitingSupervisor (BPO agent, vendor Acme), each on an account of its own.
        var forNoSupervisor = await PrepareAsync(http, $"{prefix}-ns", sequential);
        var forPickup = await PrepareAsync(http, $"{prefix}-pu", sequential);
        var forBurst = await PrepareAsync(http, $"{prefix}-b", burstSize);
        await dispatch.WhenIdleAsync();

        // The burst first, while the relay and the send-rate window are untouched: all at once behind a gate.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var burstLatencies = new double[burstSize];
        var firing = forBurst.Select((id, i) => Task.Run(async () =>
        {
            await gate.Task;
            burstLatencies[i] = await TimeAsync(() => http.PostAsync($"/api/escalations/{id}/no-supervisor-available", null));
        })).ToArray();
        await Task.Delay(200);
        var burstStart = clock.Elapsed;
        gate.SetResult();
        await Task.WhenAll(firing);
        var burstAnswered = clock.Elapsed - burstStart;
        var raised = burstSize;

        // One call at a time, alternating the two kinds so both meet the same conditions. They start once the
        // burst's first send-rate window has gone out (its commits' timers and projections are done by then too):
        // the rest of the burst's emails wait in the send-rate limiter, which costs nothing meanwhile.
        var firstWindow = relayDelay * Math.Min(burstSize, email.MaxPerMinute) / email.Smtp.MaxConnections + TimeSpan.FromSeconds(3);
        var settle = firstWindow - (clock.Elapsed - burstStart);
        if (settle > TimeSpan.Zero) await Task.Delay(settle);
        var sequentialStart = clock.Elapsed - burstStart;
        var noSupervisorLatencies = new List<double>(sequential);
        var pickupLatencies = new List<double>(sequential);
        for (var i = 0; i < sequential; i++)
        {
            noSupervisorLatencies.Add(await TimeAsync(() => http.PostAsync($"/api/escalations/{forNoSupervisor[i]}/no-supervisor-available", null)));
            pickupLatencies.Add(await TimeAsync(() => http.PostAsJsonAsync($"/api/escalations/{forPickup[i]}/pickup", new { supervisorId = "sup-1" })));
        }

        raised += sequential;

        while (Delivered(deliveries).Count < raised && clock.Elapsed - burstStart < DeliveryCap) await Task.Delay(100);
        var allDelivered = clock.Elapsed - burstStart;
        await WaitIdleAsync(dispatch, TimeSpan.FromMinutes(1));

        // Intake on an otherwise idle system: in-house agents (no email), one caller, then 16.
        var intakeOne = new List<double>(intakes);
        for (var i = 0; i < intakes; i++)
            intakeOne.Add(await TimeAsync(() => http.PostAsJsonAsync("/api/escalations", Intake($"{prefix}-i1-{i}", "inHouse"))));
        await WaitIdleAsync(dispatch, TimeSpan.FromMinutes(1));
        var intakeSixteen = new List<double>(intakes);
        await Parallel.ForEachAsync(Enumerable.Range(0, intakes), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var ms = await TimeAsync(() => http.PostAsJsonAsync("/api/escalations", Intake($"{prefix}-i16-{i}", "inHouse")));
            lock (intakeSixteen) intakeSixteen.Add(ms);
        });
        await WaitIdleAsync(dispatch, TimeSpan.FromMinutes(1));

        await watching.CancelAsync();
        await watcher;
        var requests = counter.RequestSnapshot();
        var mails = Delivered(deliveries);
        var messageIds = mails.Select(m => Header(m.Mail.Data, "Message-ID")).ToList();
        var distinct = messageIds.Distinct(StringComparer.Ordinal).Count();
        var burstIds = forBurst.ToHashSet(StringComparer.Ordinal);
        var burstMails = mails.Where(m => Header(m.Mail.Data, "X-Escalation-Id") is { } id && burstIds.Contains(id)).ToList();
        var burstEscalationsMailed = burstMails.Select(m => Header(m.Mail.Data, "X-Escalation-Id")).Distinct(StringComparer.Ordinal).Count();
        var deadLetters = await CountDeadLettersAsync(connection, prefix);

        Report.Header($"Platform calls, emails over SMTP to a relay taking {relayDelay.TotalMilliseconds:0} ms a message ({burstSize}-call burst)");
        Report.Row("relay delay per message, BENCH_RELAY_DELAY_MS (ms)", relayDelay.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture));
        Report.Row("send-rate limit, Email:MaxPerMinute / Smtp:MaxConnections", $"{email.MaxPerMinute} / {email.Smtp.MaxConnections}");
        Report.Row("one-at-a-time calls began, from the burst's start (s)", Seconds(sequentialStart));
        Report.Row($"no-supervisor (email), 1 at a time x{sequential}, p50/p95/p99 ms", Percentiles(noSupervisorLatencies, 50, 95, 99));
        Report.Row($"pickup (no email), 1 at a time x{sequential}, p50/p95/p99 ms", Percentiles(pickupLatencies, 50, 95, 99));
        Report.Row($"no-supervisor (email), {burstSize} at once, p50/p95/p99 ms", Percentiles([.. burstLatencies], 50, 95, 99));
        Report.Row($"burst of {burstSize}: first call to last answer (ms)", Report.Ms(burstAnswered.TotalMilliseconds));
        Report.Row("email-raising calls (notifications raised)", raised.ToString(CultureInfo.InvariantCulture));
        Report.Row("emails delivered by the relay", mails.Count.ToString(CultureInfo.InvariantCulture));
        Report.Row("distinct Message-IDs delivered / duplicates", $"{distinct} / {mails.Count - distinct}");
        Report.Row($"burst: first call to last burst email accepted (s)", burstEscalationsMailed == burstSize
            ? Seconds(burstMails.Max(m => m.At) - burstStart)
            : $"{burstEscalationsMailed} of {burstSize} by {Seconds(allDelivered)}");
        Report.Row("burst: first call to last email of the section (s)", mails.Count >= raised ? Seconds(mails.Max(m => m.At) - burstStart) : $"cap {Seconds(DeliveryCap)}");
        Report.Row("SMTP connections opened", smtp.Connections.ToString(CultureInfo.InvariantCulture));
        Report.Row("dead-lettered effects", deadLetters.ToString(CultureInfo.InvariantCulture));
        Report.Row("storage awaited before the answer, by function:", "calls; trips / max");
        Report.Row("  (calls per request; sequential round trips mean / max)", "");
        foreach (var (function, stats) in requests)
            Report.Row($"  {function} ({stats.Requests} requests)",
                string.Create(CultureInfo.InvariantCulture, $"{stats.CallsPerRequest:0.00}; {stats.RoundTripsPerRequest:0.00} / {stats.MaxRoundTrips}"));
        Report.Row($"intake, 1 caller x{intakes}, idle system, p50 / p99 (ms)", Percentiles(intakeOne, 50, 99));
        Report.Row($"intake, 16 callers x{intakes}, idle system, p50 / p99 (ms)", Percentiles(intakeSixteen, 50, 99));
        Console.WriteLine();
        await app.StopAsync();
    }

    private static object Intake(string key, string affiliation) => new
    {
        contactId = $"{key}-c",
        accountId = $"{key}-a",
        agent = affiliation == "bpo"
            ? new { id = "agent-1", name = "Agent", affiliation, vendor = (string?)"Acme" }
            : new { id = "agent-2", name = "Agent", affiliation, vendor = (string?)null },
        category = "general",
    };

    /// <summary>Escalations in awaitingSupervisor: intake by a BPO agent of vendor Acme, then "not de-escalated".</summary>
    private static async Task<string[]> PrepareAsync(HttpClient http, string key, int n)
    {
        var ids = new string[n];
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            using var created = await http.PostAsJsonAsync("/api/escalations", Intake($"{key}-{i}", "bpo"), ct);
            created.EnsureSuccessStatusCode();
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
            using var held = await http.PostAsJsonAsync($"/api/escalations/{id}/deescalation", new { resolved = false }, ct);
            held.EnsureSuccessStatusCode();
            ids[i] = id;
        });
        return ids;
    }

    /// <summary>The time to the answer's headers, in ms; a failed call stops the benchmark.</summary>
    private static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> call)
    {
        var clock = Stopwatch.StartNew();
        using var response = await call();
        clock.Stop();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Notes when each message the relay accepted arrived (polled every 20 ms).</summary>
    private static async Task WatchAsync(SmtpTestServer smtp, Stopwatch clock, List<(TimeSpan, ReceivedMail)> deliveries, CancellationToken stop)
    {
        var seen = 0;
        while (true)
        {
            var received = smtp.Received.ToArray();
            lock (deliveries)
            {
                for (; seen < received.Length; seen++) deliveries.Add((clock.Elapsed, received[seen]));
            }

            if (stop.IsCancellationRequested) return;
            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static List<(TimeSpan At, ReceivedMail Mail)> Delivered(List<(TimeSpan, ReceivedMail)> deliveries)
    {
        lock (deliveries) return [.. deliveries];
    }

    private static async Task WaitIdleAsync(InProcessDispatch dispatch, TimeSpan cap)
    {
        try
        {
            await dispatch.WhenIdleAsync().WaitAsync(cap);
        }
        catch (TimeoutException)
        {
            Console.WriteLine($"(in-process dispatch still busy after {cap.TotalSeconds:0} s: {dispatch.InFlight} in flight)");
        }
    }

    private static async Task<int> CountDeadLettersAsync(string connection, string prefix)
    {
        try
        {
            return await TestStorage.CountRowsAsync(new TableClient(connection, prefix + "DeadLetters"));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }
    }

    /// <summary>A header of a raw message, unfolded; null when absent.</summary>
    private static string? Header(string data, string name)
    {
        var end = data.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = (end < 0 ? data : data[..end]).Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal);
        foreach (var line in head.Split("\r\n"))
            if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)) return line[(name.Length + 1)..].Trim();
        return null;
    }

    private static string Percentiles(List<double> values, params double[] ps)
    {
        values.Sort();
        return string.Join(" / ", ps.Select(p => Report.Ms(Report.Percentile(values, p))));
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
