using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Escalations.Testing;
using Microsoft.Extensions.DependencyInjection;
using EscalationFunctions.DevHost;
using Escalations.Runtime.Storage;
using Microsoft.Extensions.Hosting;

/// <summary>
/// N full lifecycles through the real app on Kestrel: intake (BPO) → not de-escalated → no pickup (1 s hold) →
/// callback request emailed → warning → SLA breach (8 s) → management emailed, each escalation's timers fired by its
/// orchestration on the development host's Azure Storage engine. Storage operations are counted for the app and for
/// the task hub apart; then the app is left idle for a while and its storage operations per minute are counted.
/// </summary>
internal static class Lifecycles
{
    public static async Task RunAsync(string connection, int n)
    {
        var prefix = TestStorage.NewPrefix();
        var mail = Directory.CreateTempSubdirectory("bench-mail-").FullName;
        var (app, http) = await BenchApp.StartAsync(connection, new Dictionary<string, string>
        {
            ["Runtime:PollInterval"] = "00:00:00.050",
            ["Runtime:DispatchGrace"] = "00:00:30",
            ["Escalation:SupervisorHoldTimeout"] = "00:00:01",
            ["Escalation:CallbackSla"] = "00:00:08",
            ["Escalation:BreachWarningAt"] = "0.5",
            ["Email:PickupDirectory"] = mail,
            ["Routing:ManagementTeam:0"] = "management@example.com",
            ["Routing:InHouseSupervisors:0"] = "supervisors@example.com",
        });
        await using var running = app;
        using var client = http;
        var counter = app.Services.GetRequiredService<StorageOperationCounter>();
        var hub = app.Services.GetServices<IHostedService>().OfType<LocalTaskHub>().Single().Operations;
        var store = app.Services.GetRequiredService<EscalationStore>();
        counter.Reset();
        hub.Reset();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var intakeLatencies = new List<double>(n);
        var ids = new string[n];
        var total = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var body = new
            {
                contactId = $"{prefix}-c{i}",
                accountId = $"{prefix}-a{i}",
                agent = new { id = "agent-1", name = "Agent", affiliation = "bpo", vendor = "Acme" },
                category = "general",
            };
            var clock = Stopwatch.StartNew();
            using var created = await http.PostAsJsonAsync("/api/escalations", body, ct);
            clock.Stop();
            created.EnsureSuccessStatusCode();
            lock (intakeLatencies) intakeLatencies.Add(clock.Elapsed.TotalMilliseconds);
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
            ids[i] = id;
            using var held = await http.PostAsJsonAsync($"/api/escalations/{id}/deescalation", new { resolved = false }, ct);
            held.EnsureSuccessStatusCode();
        });
        var intakeDone = total.Elapsed;
        var peakOpen = Environment.WorkingSet;

        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (Directory.GetFiles(mail, "*SlaBreached*.eml").Length < n && DateTime.UtcNow < deadline) await Task.Delay(250);
        total.Stop();
        var breachedMails = Directory.GetFiles(mail, "*SlaBreached*.eml").Length;

        // Let the last transitions' outbox work finish before counting (idle pumps keep polling: ignore queue.get).
        long Work() => counter.Snapshot().Where(kv => kv.Key != "queue.get").Sum(kv => kv.Value);
        var settled = -1L;
        for (var checks = 0; settled != Work() && checks < 30; checks++)
        {
            settled = Work();
            await Task.Delay(2000);
        }

        var lateness = new List<double>(n);
        var ops = counter.Snapshot();
        var totalOps = counter.Total;
        var hubOps = hub.Snapshot();
        var totalHubOps = hub.Total;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
        {
            var state = (await store.LoadAsync(id, ct))!.State;
            if (state.Callback is { BreachedAt: { } at } c) lock (lateness) lateness.Add((at - c.DueAt).TotalMilliseconds);
        });
        intakeLatencies.Sort();
        lateness.Sort();
        var after = GC.GetTotalMemory(forceFullCollection: false);

        Report.Header($"{n:N0} full lifecycles (16 concurrent callers; hold 1 s, SLA 8 s)");
        Report.Row("lifecycles completed (management emails in the pickup folder)", $"{breachedMails:N0} of {n:N0}");
        Report.Row("wall time, first intake to last breach email (s)", total.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        Report.Row("lifecycles/s (minus the 9 s of configured waiting)", (n / Math.Max(0.001, total.Elapsed.TotalSeconds - 9)).ToString("0.0", CultureInfo.InvariantCulture));
        Report.Row("intakes + de-escalation reports/s", (2 * n / intakeDone.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture));
        Report.Row("intake latency over HTTP p50 / p95 / p99 (ms)", $"{Report.Ms(Report.Percentile(intakeLatencies, 50))} / {Report.Ms(Report.Percentile(intakeLatencies, 95))} / {Report.Ms(Report.Percentile(intakeLatencies, 99))}");
        Report.Row("SLA timer lateness, fired - due, p50 / p99 (ms)", $"{Report.Ms(Report.Percentile(lateness, 50))} / {Report.Ms(Report.Percentile(lateness, 99))}");
        Report.Row("SLA timer, earliest (ms; negative would be early)", lateness.Count > 0 ? Report.Ms(lateness[0]) : "-");
        Report.Row("storage operations per lifecycle: app + task hub", $"{(totalOps + totalHubOps) / (double)n:0.0} ({totalOps / (double)n:0.0} + {totalHubOps / (double)n:0.0})");
        foreach (var (kind, count) in ops) Report.Row($"  app {kind} per lifecycle", (count / (double)n).ToString("0.00", CultureInfo.InvariantCulture));
        foreach (var (kind, count) in hubOps) Report.Row($"  task hub {kind} per lifecycle", (count / (double)n).ToString("0.00", CultureInfo.InvariantCulture));
        Report.Row("working set with all escalations open (MB)", (peakOpen / 1048576.0).ToString("0", CultureInfo.InvariantCulture));
        Report.Row("managed heap before / after the run (MB)", $"{before / 1048576.0:0} / {after / 1048576.0:0}");
        Report.Row("peak working set of this process so far (MB)", (Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0).ToString("0", CultureInfo.InvariantCulture));

        // Idle: nothing in flight, the task hub polling its queues (at most every maxQueuePollingInterval) and renewing its leases.
        var idle = TimeSpan.FromSeconds(n < 100 ? 15 : 60);
        counter.Reset();
        hub.Reset();
        await Task.Delay(idle);
        Report.Row($"idle storage operations per minute: app + task hub (over {idle.TotalSeconds:0} s)",
            $"{(counter.Total + hub.Total) / idle.TotalMinutes:0} ({counter.Total / idle.TotalMinutes:0} + {hub.Total / idle.TotalMinutes:0})");
        foreach (var (kind, count) in hub.Snapshot()) Report.Row($"  idle task hub {kind} per minute", (count / idle.TotalMinutes).ToString("0", CultureInfo.InvariantCulture));
        Console.WriteLine();
        await app.StopAsync();
        Directory.Delete(mail, recursive: true);
    }
}
