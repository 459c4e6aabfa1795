namespace Escalations.Runtime.Storage;

/// <summary>The SLA compliance report for escalations started in [<see cref="From"/>, <see cref="To"/>), as of <see cref="AsOf"/>.</summary>
public sealed record ComplianceReport(DateTimeOffset From, DateTimeOffset To, DateTimeOffset AsOf, ReportGrouping GroupBy, IReadOnlyList<ComplianceRow> Rows, ComplianceRow Total);
