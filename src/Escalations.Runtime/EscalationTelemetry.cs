using System.Diagnostics;
using System.Diagnostics.Metrics;
using Escalations.Domain;

namespace Escalations.Runtime;

/// <summary>
/// The runtime's own traces and metrics, in System.Diagnostics terms (the web app chooses the exporters). One
/// <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <see cref="Name"/>. Span names, attributes
/// and metric tags carry escalation ids, states, kinds and counts only: never an account id, a phone number, a name,
/// notes or anything about a disclosure.
/// </summary>
public sealed class EscalationTelemetry : IDisposable
{
    public const string Name = "Escalations";

    /// <summary>Callback durations are hours to days: buckets in seconds from 15 minutes to 4 days (the SLA is 48 h).</summary>
    public static readonly double[] TimeToCallbackBuckets = [900, 3600, 4 * 3600, 8 * 3600, 12 * 3600, 24 * 3600, 36 * 3600, 48 * 3600, 72 * 3600, 96 * 3600];

    /// <summary>Timer lateness: a healthy timer fires within a second or two; the alert looks at a minute.</summary>
    public static readonly double[] TimerLatenessBuckets = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600];

    /// <summary>Spans of the runtime and the notifications: storage calls, the workflow, dispatch, timers, the sweep, email.</summary>
    public static readonly ActivitySource Source = new(Name, "1.0");

    private readonly Meter _meter = new(Name, "1.0");
    private readonly Counter<long> _started;
    private readonly Counter<long> _callbacksOpened;
    private readonly Counter<long> _warnings;
    private readonly Counter<long> _breaches;
    private readonly Histogram<double> _timeToCallback;
    private readonly Histogram<double> _timerLateness;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _emails;
    private readonly Counter<long> _storageOperations;
    private double _oldestOutboxAge;

    public EscalationTelemetry()
    {
        _started = _meter.CreateCounter<long>("escalations.started", "{escalation}", "Escalations started, by outcome (deEscalating, claimTransferred, medicalTransferred, routedToOtherProtocol, linkedRepeatCall).");
        _callbacksOpened = _meter.CreateCounter<long>("escalations.callbacks.opened", "{callback}", "Supervisor Call Back Follow-Up Requests opened.");
        _warnings = _meter.CreateCounter<long>("escalations.callbacks.warnings", "{callback}", "Breach warnings sent to a callback's owner.");
        _breaches = _meter.CreateCounter<long>("escalations.callbacks.breaches", "{callback}", "Callbacks not completed within the SLA.");
        _timeToCallback = _meter.CreateHistogram("escalations.callbacks.time_to_complete", "s", "From the callback request opening to its completion.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TimeToCallbackBuckets });
        _timerLateness = _meter.CreateHistogram("escalations.timers.lateness", "s", "How long after its due time a timer was handled.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TimerLatenessBuckets });
        _deadLetters = _meter.CreateCounter<long>("escalations.dead_letters", "{item}", "Effects and messages that failed for good, by source and kind.");
        _emails = _meter.CreateCounter<long>("escalations.emails", "{email}", "Notification emails by result (sent, retried, failed) and kind.");
        _storageOperations = _meter.CreateCounter<long>("escalations.storage.operations", "{operation}", "Storage requests by kind, such as table.batch or queue.put.");
        _meter.CreateObservableGauge("escalations.outbox.oldest_age", () => Volatile.Read(ref _oldestOutboxAge), "s",
            "Age of the oldest outbox row the last sweep found pending past its grace (0 when none).");
    }

    /// <summary>Records what an applied transition means for the metrics. Called once per commit, in memory only.</summary>
    public void Committed(EscalationEvent evt, Transition transition)
    {
        if (evt is EscalationRequested) _started.Add(1, new KeyValuePair<string, object?>("outcome", StartOutcome(transition.State.Status)));
        foreach (var entry in transition.History)
        {
            switch (entry.Action)
            {
                case HistoryAction.CallbackRequestCreated:
                    _callbacksOpened.Add(1);
                    break;
                case HistoryAction.BreachWarningSent:
                    _warnings.Add(1);
                    break;
                case HistoryAction.SlaBreached:
                    _breaches.Add(1);
                    break;
                case HistoryAction.CallbackCompleted when transition.State.Callback is { CompletedAt: { } done } callback:
                    _timeToCallback.Record((done - callback.RequestedAt).TotalSeconds,
                        new KeyValuePair<string, object?>("within_sla", done <= callback.DueAt));
                    break;
            }
        }
    }

    /// <summary>A repeat call joined an open callback instead of starting an escalation.</summary>
    public void RepeatCallLinked() => _started.Add(1, new KeyValuePair<string, object?>("outcome", "linkedRepeatCall"));

    /// <summary>
    /// A timer fired this late: the histogram, and the timer's span (<see cref="TimerLatenessAttribute"/>), whose
    /// values give exact percentiles where the exported histogram has only its sum, count, min and max.
    /// </summary>
    public void TimerHandled(TimerKind kind, TimeSpan lateness, Activity? span = null)
    {
        var seconds = Math.Max(0, lateness.TotalSeconds);
        _timerLateness.Record(seconds, new KeyValuePair<string, object?>("kind", kind.ToString()));
        span?.SetTag(TimerLatenessAttribute, seconds);
    }

    public const string TimerLatenessAttribute = "escalation.timer.lateness_s";

    public void DeadLettered(string source, string? kind) =>
        _deadLetters.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("kind", kind ?? "message"));

    public void Email(string result, NotificationKind kind) =>
        _emails.Add(1, new KeyValuePair<string, object?>("result", result), new KeyValuePair<string, object?>("kind", kind.ToString()));

    public void StorageOperation(string kind) => _storageOperations.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>What the last sweep saw: the age of the oldest pending outbox row past the grace, or zero.</summary>
    public void OutboxObserved(TimeSpan oldestAge) => Volatile.Write(ref _oldestOutboxAge, Math.Max(0, oldestAge.TotalSeconds));

    public void Dispose() => _meter.Dispose();

    /// <summary>Where an intake went first, as a metric tag (camelCase, like the API's status names).</summary>
    internal static string StartOutcome(EscalationStatus status) => status switch
    {
        EscalationStatus.DeEscalating => "deEscalating",
        EscalationStatus.ClaimTransferred => "claimTransferred",
        EscalationStatus.MedicalTransferred => "medicalTransferred",
        EscalationStatus.RoutedToOtherProtocol => "routedToOtherProtocol",
        _ => "other",
    };

    /// <summary>
    /// The parent for work that continues an escalation's trace: the W3C <c>traceparent</c> stored with a row or a
    /// message. A missing or malformed value (rows written before traces were kept) gives the default: the current span.
    /// </summary>
    public static ActivityContext ParentFrom(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var context) ? context : default;
}
