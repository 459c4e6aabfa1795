using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Escalations.Runtime;

namespace Infrastructure.Tests;

/// <summary>
/// The operations side of infra-bicep (modules/operations.bicep, compiled into main.bicep's template): each alert has
/// a query, a threshold and the action group that emails the operations address; the workbook answers the questions
/// it is for; and every metric or attribute the queries name is one the app really exports.
/// </summary>
public partial class OperationsTemplateTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    /// <summary>The nested deployment's template that declares resources of <paramref name="type"/>.</summary>
    private JsonElement TemplateDeclaring(string type) => Templates(template.Document.RootElement)
        .Single(t => ResourcesOf(t).Any(r => r.GetProperty("type").GetString() == type));

    /// <summary>A template's resources: an array, or an object by symbolic name (language version 2.0).</summary>
    private static List<JsonElement> ResourcesOf(JsonElement t) =>
        !t.TryGetProperty("resources", out var resources) ? []
        : resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value).ToList() : resources.EnumerateArray().ToList();

    private static IEnumerable<JsonElement> Templates(JsonElement t)
    {
        yield return t;
        foreach (var r in ResourcesOf(t))
            if (r.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("template", out var inner))
                foreach (var nested in Templates(inner)) yield return nested;
    }

    private static JsonElement Resource(JsonElement t, string type) => ResourcesOf(t).Single(r => r.GetProperty("type").GetString() == type);

    [Fact]
    public void Each_alert_has_a_query_a_threshold_and_the_action_group_that_emails_operations()
    {
        var operations = TemplateDeclaring("Microsoft.Insights/scheduledQueryRules");
        var alerts = operations.GetProperty("variables").GetProperty("alerts").EnumerateArray()
            .ToDictionary(a => a.GetProperty("name").GetString()!, a => a);
        var rule = Resource(operations, "Microsoft.Insights/scheduledQueryRules");
        var criterion = rule.GetProperty("properties").GetProperty("criteria").GetProperty("allOf")[0];
        var group = Resource(operations, "Microsoft.Insights/actionGroups");

        // One rule per alert, each reading its own query and threshold.
        Assert.Equal("[length(variables('alerts'))]", rule.GetProperty("copy").GetProperty("count").GetString());
        Assert.Equal("[variables('alerts')[copyIndex()].query]", criterion.GetProperty("query").GetString());
        Assert.Equal("[variables('alerts')[copyIndex()].threshold]", criterion.GetProperty("threshold").GetString());
        Assert.Equal("GreaterThan", criterion.GetProperty("operator").GetString());
        Assert.Equal(["dead-letters", "outbox-age", "timer-lateness"], alerts.Keys.Order());
        Assert.All(alerts.Values, a => Assert.Contains("summarize Value =", a.GetProperty("query").GetString(), StringComparison.Ordinal));
        Assert.Equal(0, alerts["dead-letters"].GetProperty("threshold").GetDouble());      // any dead letter
        Assert.Equal(300, alerts["outbox-age"].GetProperty("threshold").GetDouble());      // 5 minutes
        Assert.Equal(60, alerts["timer-lateness"].GetProperty("threshold").GetDouble());   // p99 over 60 s
        Assert.Contains("percentile(", alerts["timer-lateness"].GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.Contains(", 99)", alerts["timer-lateness"].GetProperty("query").GetString(), StringComparison.Ordinal);

        // Routed to the action group, which emails the operations address main.bicep passes down.
        Assert.Equal("[resourceId('Microsoft.Insights/actionGroups', parameters('actionGroupName'))]",
            rule.GetProperty("properties").GetProperty("actions").GetProperty("actionGroups").EnumerateArray().Single().GetString());
        Assert.Equal("[parameters('operationsEmail')]",
            group.GetProperty("properties").GetProperty("emailReceivers").EnumerateArray().Single().GetProperty("emailAddress").GetString());
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(Bicep.Infra, "main.parameters.json")));
        Assert.Equal("${OPERATIONS_EMAIL}", parameters.RootElement.GetProperty("parameters").GetProperty("operationsEmail").GetProperty("value").GetString());
    }

    [Fact]
    public void The_workbook_charts_breaches_compliance_timer_lateness_outbox_age_and_dead_letters()
    {
        var operations = TemplateDeclaring("Microsoft.Insights/workbooks");
        var workbook = Resource(operations, "Microsoft.Insights/workbooks");
        var charts = operations.GetProperty("variables").GetProperty("charts").EnumerateArray()
            .Select(c => (Title: c.GetProperty("title").GetString()!, Query: c.GetProperty("query").GetString()!)).ToList();

        Assert.Equal("[string(variables('workbookContent'))]", workbook.GetProperty("properties").GetProperty("serializedData").GetString());
        foreach (var (question, metric) in new[]
        {
            ("breaches", "escalations.callbacks.breaches"),
            ("compliance", "escalations.callbacks.time_to_complete"),
            ("lateness", EscalationTelemetry.TimerLatenessAttribute),
            ("outbox", "escalations.outbox.oldest_age"),
            ("dead letters", "escalations.dead_letters"),
        })
        {
            Assert.Contains(charts, c => c.Title.Contains(question, StringComparison.OrdinalIgnoreCase) && c.Query.Contains(metric, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_metric_the_alerts_and_the_workbook_query_is_one_the_app_exports()
    {
        var operations = TemplateDeclaring("Microsoft.Insights/scheduledQueryRules");
        var queries = operations.GetProperty("variables").GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("query").GetString()!)
            .Concat(operations.GetProperty("variables").GetProperty("charts").EnumerateArray().Select(c => c.GetProperty("query").GetString()!))
            .ToList();
        var exported = new HashSet<string>(StringComparer.Ordinal);
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == EscalationTelemetry.Name) lock (exported) exported.Add(instrument.Name);
            };
            listener.Start();
            using var telemetry = new EscalationTelemetry();
        }

        var named = queries.SelectMany(q => MetricName().Matches(q).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.Contains(name, exported));
        Assert.All(queries.Where(q => q.Contains("lateness", StringComparison.Ordinal)),
            q => Assert.Contains(EscalationTelemetry.TimerLatenessAttribute, q, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"""(escalations\.[a-z_.]+)""")]
    private static partial Regex MetricName();
}
