using System.Globalization;
using System.Text;
using Escalations.Notifications;
using Escalations.Runtime.Storage;
using EscalationFunctions.Http;

namespace EscalationFunctions.Apis;

/// <summary>
/// The SLA compliance report for management: how often the callback promise was kept, per vendor, supervisor or
/// affiliation, for a period of days in the display time zone (<c>Email:TimeZone</c>). JSON, or CSV for a spreadsheet.
/// </summary>
public static partial class ReportsApi
{
    public const string CsvMediaType = "text/csv";

    /// <summary>The longest period, in days: <c>to</c> is at most this many days minus one after <c>from</c>.</summary>
    public const int MaxDays = 366;

    /// <summary>A day of the period: years 1970 to 2999, so that a period and its time zone never run past the calendar's ends.</summary>
    public const string DayPattern = "^(19[7-9][0-9]|2[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

    /// <summary>The rules on the period that no schema can state: the operation's description in docs/openapi/v1.json says them, word for word.</summary>
    public const string PeriodRules =
        "The period: both from and to, both days included; from alone, the seven days starting on it; to alone, the seven days ending on it; " +
        "neither, last week (Monday to Sunday). Days are in the display time zone (Email:TimeZone). " +
        "to must be on or after from and at most 365 days after it (a period of at most 366 days); otherwise the answer is 400 naming to.";

    internal static async Task<IResult> GetAsync(
        HttpRequest request, ComplianceReports reports, EmailOptions email, TimeProvider time, CancellationToken ct,
        string? from = null, string? to = null, string? groupBy = null, string? format = null)
    {
        var errors = new RequestRules();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(email.TimeZone);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        // See PeriodRules: one end given makes a week from or to it, so the answer never depends on today's date.
        var lastMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7);
        var first = Date(from, "from", lastMonday, errors);
        var last = Date(to, "to", lastMonday.AddDays(6), errors);
        if (from is not null && to is null) last = first.AddDays(6);
        if (from is null && to is not null) first = last.AddDays(-6);
        if (errors.IsValid)
            errors.Check(first <= last && last.DayNumber - first.DayNumber < MaxDays, "to", $"On or after from, and at most {MaxDays - 1} days after it (a period of at most {MaxDays} days).");
        var grouping = ReportGrouping.Vendor;
        if (groupBy is not null)
            errors.Check(groupBy.All(char.IsAsciiLetter) && Enum.TryParse(groupBy, ignoreCase: true, out grouping), "groupBy", "One of: vendor, supervisor, affiliation.");
        var csv = format is null ? AcceptsCsv(request) : format == "csv";
        if (format is not null) errors.Check(format is "csv" or "json", "format", "One of: json, csv.");
        if (!errors.IsValid) return Problems.Validation(errors.Errors);

        var report = await reports.GetAsync(StartOf(first, zone), StartOf(last.AddDays(1), zone), grouping, now, ct);
        var view = new ComplianceReportView(Iso(first), Iso(last), zone.Id, JsonName(grouping.ToString()), now, report.Rows, report.Total);
        return csv ? TypedResults.Text(Csv(view), CsvMediaType, Encoding.UTF8) : TypedResults.Ok(view);
    }

    /// <summary>The report as CSV: a header, one line per group, then the total; empty cells where a figure has no value.</summary>
    public static string Csv(ComplianceReportView view)
    {
        var csv = new StringBuilder();
        csv.Append(view.GroupBy).Append(",escalations,callbacksOpened,completedWithinSla,compliancePercent,breached,stillOpen,medianMinutesToCallback,p90MinutesToCallback,managementEngagements,threatsFlagged\r\n");
        foreach (var row in view.Rows.Append(view.Total))
        {
            csv.AppendJoin(',', Cell(row.Group), N(row.Escalations), N(row.CallbacksOpened), N(row.CompletedWithinSla), N(row.CompliancePercent), N(row.Breached),
                N(row.StillOpen), N(row.MedianMinutesToCallback), N(row.P90MinutesToCallback), N(row.ManagementEngagements), N(row.ThreatsFlagged)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static DateOnly Date(string? value, string field, DateOnly fallback, RequestRules errors)
    {
        if (value is null) return fallback;
        if (DayRegex().IsMatch(value) && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Check(false, field, "A day from 1970 to 2999, such as 2026-11-16.");
        return fallback;
    }

    /// <summary>Midnight at the start of <paramref name="date"/> in <paramref name="zone"/> (or the first valid time after it, on a clock change).</summary>
    private static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    private static bool AcceptsCsv(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains(CsvMediaType, StringComparison.OrdinalIgnoreCase));

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string JsonName(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string N(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A text cell: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets.</summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    [System.Text.RegularExpressions.GeneratedRegex(DayPattern)]
    private static partial System.Text.RegularExpressions.Regex DayRegex();
}
