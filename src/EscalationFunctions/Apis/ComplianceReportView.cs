using Escalations.Runtime.Storage;

namespace EscalationFunctions.Apis;

/// <summary>
/// The SLA compliance report as the API answers it: escalations started from <see cref="From"/> to <see cref="To"/>
/// (dates, both included, in <see cref="TimeZone"/>), one row per group and the total.
/// </summary>
public sealed record ComplianceReportView(
    string From, string To, string TimeZone, string GroupBy, DateTimeOffset GeneratedAt, IReadOnlyList<ComplianceRow> Rows, ComplianceRow Total);
