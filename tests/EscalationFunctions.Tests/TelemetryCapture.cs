using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EscalationFunctions.Tests;

/// <summary>
/// What the app's OpenTelemetry pipeline exports, captured with the SDK's in-memory exporter alongside the app's own
/// wiring (instrumentation, redaction, sources): spans, log records and metric snapshots.
/// </summary>
public sealed class TelemetryCapture
{
    private readonly Locked<Activity> _spans = new();
    private readonly Locked<LogRecord> _logs = new();
    private readonly Locked<MetricSnapshot> _metrics = new();

    public void AddTo(IServiceCollection services) => services
        .ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans))
        .ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(_metrics))
        .ConfigureOpenTelemetryLoggerProvider(l => l.AddInMemoryExporter(_logs));

    public IReadOnlyList<Activity> Spans => _spans.Snapshot();

    public IReadOnlyList<MetricSnapshot> Metrics => _metrics.Snapshot();

    public IReadOnlyList<LogRecord> Logs => _logs.Snapshot();

    /// <summary>Exports what is buffered (metrics are collected now).</summary>
    public static void Flush(IServiceProvider services)
    {
        services.GetRequiredService<TracerProvider>().ForceFlush();
        services.GetRequiredService<MeterProvider>().ForceFlush();
        services.GetRequiredService<LoggerProvider>().ForceFlush();
    }

    /// <summary>
    /// Every string the exporters would send: span names, attributes, events and links; log bodies, formatted
    /// messages and attributes; metric names and tags.
    /// </summary>
    public IReadOnlyList<string> ExportedText()
    {
        var text = new List<string>();
        foreach (var span in Spans)
        {
            text.Add(span.DisplayName);
            text.Add(span.OperationName);
            text.Add(span.StatusDescription ?? "");
            text.AddRange(span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
            text.AddRange(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}").Append(e.Name)));
            text.AddRange(span.Links.SelectMany(l => (l.Tags ?? []).Select(t => $"{t.Key}={t.Value}")));
            text.AddRange(span.Baggage.Select(b => $"{b.Key}={b.Value}"));
        }

        foreach (var log in _logs.Snapshot())
        {
            text.Add(log.CategoryName ?? "");
            text.Add(log.Body ?? "");
            text.Add(log.FormattedMessage ?? "");
            text.Add(log.Exception?.ToString() ?? "");
            text.AddRange((log.Attributes ?? []).Select(a => $"{a.Key}={a.Value}"));
        }
        foreach (var metric in Metrics)
        {
            text.Add(metric.Name);
            foreach (var point in metric.MetricPoints)
                foreach (var tag in point.Tags)
                    text.Add($"{tag.Key}={tag.Value}");
        }

        return text;
    }

    /// <summary>An exporter's collection that tolerates reads while the app exports (the in-memory exporter copies log records).</summary>
    private sealed class Locked<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count { get { lock (_items) return _items.Count; } }
        public bool IsReadOnly => false;

        public void Add(T item)
        {
            lock (_items) _items.Add(item);
        }

        public List<T> Snapshot()
        {
            lock (_items) return [.. _items];
        }

        public void Clear()
        {
            lock (_items) _items.Clear();
        }

        public bool Contains(T item)
        {
            lock (_items) return _items.Contains(item);
        }

        public void CopyTo(T[] array, int arrayIndex)
        {
            lock (_items) _items.CopyTo(array, arrayIndex);
        }

        public bool Remove(T item)
        {
            lock (_items) return _items.Remove(item);
        }

        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
