using Escalations.Domain;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using static Escalations.Runtime.Tests.Events;
using Escalations.Runtime.Storage;

namespace Escalations.Runtime.Tests;

/// <summary>
/// The runtime's metrics over a driven lifecycle, read through the OpenTelemetry SDK's in-memory exporter. Time is
/// a fake clock, so each timer's lateness and each callback's duration is exact and lands in a known bucket.
/// </summary>
[Collection(AzuriteTests.Name)]
public class TelemetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_driven_lifecycle_is_counted_and_its_durations_land_in_the_right_buckets()
    {
        var exported = new List<MetricSnapshot>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(EscalationTelemetry.Name).AddInMemoryExporter(exported).Build();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite, clock);
        async Task Fire(string id, TimerKind kind, TimeSpan late)
        {
            var timer = (await h.Store.LoadAsync(id))!.State.Timers.Single(t => t.Kind == kind);
            clock.SetUtcNow(timer.DueAt + late);
            await h.Timers.DeliverAsync(id, timer);
            await h.Dispatched();
        }

        // A: a BPO agent's callback that breaches; its timers fire 7 s, 0.4 s and 90 s late.
        var a = NewEscalationId();
        await h.ApplyAsync(a, Intake(Bpo, account: "acct-a"));
        await h.ApplyAsync(a, NotDeEscalated());
        await Fire(a, TimerKind.SupervisorHold, TimeSpan.FromSeconds(7));
        // The same customer calls again: joins A's callback instead of starting an escalation.
        await h.Intakes.StartAsync(NewEscalationId(), Intake(InHouse, account: "acct-a", contact: "contact-2"), linkRepeatCalls: true);
        await h.Dispatched();
        await Fire(a, TimerKind.BreachWarning, TimeSpan.FromSeconds(0.4));
        h.Sender.FailNext(1, permanent: true); // the breach email is refused for good: failed and dead-lettered
        await Fire(a, TimerKind.CallbackSla, TimeSpan.FromSeconds(90));

        // B: a callback completed 30 hours after it opened, within the 48-hour SLA.
        var b = NewEscalationId();
        await h.ApplyAsync(b, Intake(InHouse, account: "acct-b"));
        await h.ApplyAsync(b, NotDeEscalated());
        await h.ApplyAsync(b, NoSupervisor());
        clock.Advance(TimeSpan.FromHours(30));
        await h.ApplyAsync(b, Complete(resolved: true));

        // C and D go elsewhere at intake. C's process dies after its commit: the sweep finds its outbox 10 minutes later.
        await h.ApplyAsync(NewEscalationId(), Intake(InHouse, account: "acct-d") with { Disclosure = Disclosure.MedicalEmergency });
        h.Workflow.AfterCommit = _ => throw new IOException("the process died");
        await Assert.ThrowsAsync<IOException>(() => h.Workflow.ApplyAsync(NewEscalationId(), Intake(InHouse, account: "acct-c") with { Category = RequestCategory.Claim }));
        h.Workflow.AfterCommit = null;
        clock.Advance(TimeSpan.FromMinutes(10));
        await h.Sweeper.RunOnceAsync();
        await h.Dispatched();

        meters.ForceFlush();
        var storage = h.Counter.Snapshot();
        var metrics = exported.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Last());

        Assert.Equal(new Dictionary<string, long> { ["deEscalating"] = 2, ["linkedRepeatCall"] = 1, ["medicalTransferred"] = 1, ["claimTransferred"] = 1 },
            Sums(metrics["escalations.started"], "outcome"));
        Assert.Equal(2, Sums(metrics["escalations.callbacks.opened"]).Values.Sum());
        Assert.Equal(1, Sums(metrics["escalations.callbacks.warnings"]).Values.Sum());
        Assert.Equal(1, Sums(metrics["escalations.callbacks.breaches"]).Values.Sum());

        // Lateness: 0.4 s in (0, 0.5], 7 s in (5, 10], 90 s in (60, 120]; nothing else.
        var lateness = Buckets(metrics["escalations.timers.lateness"]);
        Assert.Equal(new Dictionary<double, long> { [0.5] = 1, [10] = 1, [120] = 1 }, lateness.Where(kv => kv.Value > 0).ToDictionary());
        Assert.Equal(EscalationTelemetry.TimerLatenessBuckets.Append(double.PositiveInfinity), lateness.Keys);

        // 30 hours = 108,000 s: in (24 h, 36 h], tagged as within the SLA.
        var complete = metrics["escalations.callbacks.time_to_complete"];
        var point = Assert.Single(Points(complete));
        Assert.Equal(1, point.GetHistogramCount());
        Assert.Equal(TimeSpan.FromHours(30).TotalSeconds, point.GetHistogramSum());
        Assert.Equal(true, Tags(point)["within_sla"]);
        Assert.Equal(new Dictionary<double, long> { [36 * 3600] = 1 }, Buckets(complete).Where(kv => kv.Value > 0).ToDictionary());

        // Emails as the sender saw them: every successful send counted, the refused breach email failed and dead-lettered.
        var emails = Points(metrics["escalations.emails"]).ToDictionary(p => $"{Tags(p)["result"]}:{Tags(p)["kind"]}", p => p.GetSumLong());
        Assert.Equal(h.Sender.Sent.Count, emails.Where(kv => kv.Key.StartsWith("sent:", StringComparison.Ordinal)).Sum(kv => kv.Value));
        Assert.Equal(1, emails["sent:CallbackRequest"]);
        Assert.Equal(1, emails["sent:BreachWarning"]);
        Assert.Equal(1, emails["failed:SlaBreached"]);
        Assert.False(emails.ContainsKey("sent:SlaBreached"));
        Assert.Equal(new Dictionary<string, long> { ["outbox"] = 1 }, Sums(metrics["escalations.dead_letters"], "source"));

        // The outbox C left behind was created 10 minutes before the sweep saw it.
        Assert.Equal(600, Assert.Single(Points(metrics["escalations.outbox.oldest_age"])).GetGaugeLastValueDouble());

        // Storage operations by kind: the same figures as the runtime's own counter.
        Assert.Equal(storage, Sums(metrics["escalations.storage.operations"], "kind"));
    }

    private static List<MetricPoint> Points(MetricSnapshot metric) => metric.MetricPoints.ToList();

    private static Dictionary<string, object?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>();
        foreach (var tag in point.Tags) tags[tag.Key] = tag.Value;
        return tags;
    }

    /// <summary>A counter's sums by one tag ("" when untagged).</summary>
    private static Dictionary<string, long> Sums(MetricSnapshot metric, string? tag = null) =>
        Points(metric).GroupBy(p => tag is null ? "" : Tags(p)[tag]?.ToString() ?? "").ToDictionary(g => g.Key, g => g.Sum(p => p.GetSumLong()));

    /// <summary>A histogram's bucket counts by upper bound, over all its points.</summary>
    private static Dictionary<double, long> Buckets(MetricSnapshot metric)
    {
        var buckets = new Dictionary<double, long>();
        foreach (var point in Points(metric))
            foreach (var bucket in point.GetHistogramBuckets())
                buckets[bucket.ExplicitBound] = buckets.GetValueOrDefault(bucket.ExplicitBound) + bucket.BucketCount;
        return buckets;
    }
}
