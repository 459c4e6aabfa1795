using EscalationFunctions.Http;

namespace EscalationFunctions.Tests;

/// <summary>The API reads a date and time exactly when the document's pattern allows it, and reads it as the moment it names.</summary>
public class Rfc3339Tests
{
    [Theory]
    [InlineData("2026-11-25T17:00:00Z", "2026-11-25T17:00:00.0000000+00:00")]
    [InlineData("2026-11-25t17:00:00z", "2026-11-25T17:00:00.0000000+00:00")]
    [InlineData("2026-11-25T12:00:00.5-05:00", "2026-11-25T17:00:00.5000000+00:00")]
    [InlineData("2026-11-25T17:00:00.123456789Z", "2026-11-25T17:00:00.1234567+00:00")]
    [InlineData("2026-11-26T07:00:00+14:00", "2026-11-25T17:00:00.0000000+00:00")]
    [InlineData("2026-11-25T03:00:00-14:00", "2026-11-25T17:00:00.0000000+00:00")]
    [InlineData("2026-11-25T22:45:00+05:45", "2026-11-25T17:00:00.0000000+00:00")]
    [InlineData("9999-12-31T23:00:00-14:00", "9999-12-31T23:59:59.9999999+00:00")]
    [InlineData("0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00.0000000+00:00")]
    public void What_the_pattern_allows_is_read_as_the_moment_it_names(string text, string utc)
    {
        Assert.Matches(Rfc3339.Pattern, text);
        Assert.True(Rfc3339.TryParse(text, out var value));
        Assert.Equal(utc, value.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("1489-01-07T12:32:55-19:45")]
    [InlineData("2026-11-25T17:00:00+14:01")]
    [InlineData("2026-11-25T17:00:00-23:59")]
    [InlineData("2026-06-30T23:59:60Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2026-11-25T17:00:00")]
    [InlineData("2026-11-25")]
    [InlineData("2026-11-25 17:00:00Z")]
    [InlineData("1/2/2026")]
    public void What_the_pattern_refuses_is_refused(string text)
    {
        Assert.DoesNotMatch(Rfc3339.Pattern, text);
        Assert.False(Rfc3339.TryParse(text, out _));
    }

    [Theory]
    [InlineData("2026-02-30T10:00:00Z")]
    [InlineData("2026-11-25T24:00:00Z")]
    public void A_day_or_hour_no_calendar_has_is_refused_as_the_date_time_format_says(string text)
    {
        Assert.Matches(Rfc3339.Pattern, text);
        Assert.False(Rfc3339.TryParse(text, out _));
    }

    /// <summary>The document is the contract: every date-time in it carries the pattern the parser reads by, and the report's days theirs.</summary>
    [Fact]
    public void The_document_states_the_patterns_the_server_reads_by()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Contract.ContractTests.CheckedIn))!;
        var dateTimes = new List<System.Text.Json.Nodes.JsonObject>();
        void Walk(System.Text.Json.Nodes.JsonNode? node)
        {
            if (node is System.Text.Json.Nodes.JsonObject o)
            {
                if (o["format"]?.GetValue<string>() == "date-time") dateTimes.Add(o);
                foreach (var (_, child) in o) Walk(child);
            }
            else if (node is System.Text.Json.Nodes.JsonArray a)
            {
                foreach (var child in a) Walk(child);
            }
        }

        Walk(document);
        var report = document["paths"]!["/api/reports/sla-compliance"]!["get"]!["parameters"]!.AsArray();

        Assert.True(dateTimes.Count >= 5, "the document's date-times were found");
        Assert.All(dateTimes, d => Assert.Equal(Rfc3339.Pattern, d["pattern"]?.GetValue<string>()));
        Assert.All(report.Where(p => p!["name"]!.GetValue<string>() is "from" or "to"),
            p => Assert.Equal(Apis.ReportsApi.DayPattern, p!["schema"]!["pattern"]!.GetValue<string>()));
    }
}
