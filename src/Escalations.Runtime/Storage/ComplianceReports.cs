using Azure.Data.Tables;
using Escalations.Domain;

namespace Escalations.Runtime.Storage;

/// <summary>
/// The SLA compliance report, read from the report projection (one row per escalation, by month of intake, written
/// by the dispatcher after each commit): a query of the months the period touches, never a scan of the escalations.
/// </summary>
public sealed class ComplianceReports(StorageClients clients)
{
    public const string InHouseGroup = "(in-house)";
    public const string NoSupervisorGroup = "(none)";
    public const string TotalGroup = "(all)";

    /// <summary>Escalations started in [<paramref name="from"/>, <paramref name="to"/>), grouped, as of <paramref name="asOf"/>.</summary>
    public async Task<ComplianceReport> GetAsync(DateTimeOffset from, DateTimeOffset to, ReportGrouping groupBy, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {Projections.ReportPartition(from)} and PartitionKey le {Projections.ReportPartition(to)} and CreatedAt ge {from} and CreatedAt lt {to}");
        var entries = new List<ReportEntry>();
        await foreach (var e in clients.Report.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            entries.Add(Read(e));
        return Compute(entries, from, to, groupBy, asOf);
    }

    /// <summary>The report over the given entries: one row per group (ordered by name) and the total.</summary>
    public static ComplianceReport Compute(IEnumerable<ReportEntry> entries, DateTimeOffset from, DateTimeOffset to, ReportGrouping groupBy, DateTimeOffset asOf)
    {
        var list = entries.ToList();
        var rows = list.GroupBy(e => GroupOf(e, groupBy), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g.ToList(), asOf))
            .ToList();
        return new ComplianceReport(from, to, asOf, groupBy, rows, Row(TotalGroup, list, asOf));
    }

    private static string GroupOf(ReportEntry e, ReportGrouping groupBy) => groupBy switch
    {
        ReportGrouping.Vendor => e.Affiliation == nameof(AgentAffiliation.Bpo) && !string.IsNullOrEmpty(e.Vendor) ? e.Vendor : InHouseGroup,
        ReportGrouping.Supervisor => e.SupervisorId ?? NoSupervisorGroup,
        _ => e.Affiliation == nameof(AgentAffiliation.Bpo) ? "bpo" : "inHouse",
    };

    private static ComplianceRow Row(string group, List<ReportEntry> entries, DateTimeOffset asOf)
    {
        var callbacks = entries.Where(e => e.CallbackRequestedAt is not null).ToList();
        var within = callbacks.Count(e => e.CallbackCompletedAt <= e.CallbackDueAt);
        var breached = callbacks.Count(e => IsBreached(e, asOf));
        var minutes = callbacks.Where(e => e.CallbackCompletedAt is not null)
            .Select(e => (e.CallbackCompletedAt!.Value - e.CallbackRequestedAt!.Value).TotalMinutes)
            .Order()
            .ToList();
        return new ComplianceRow(
            group,
            entries.Count,
            callbacks.Count,
            within,
            within + breached == 0 ? null : Math.Round(100.0 * within / (within + breached), 1),
            breached,
            callbacks.Count(e => e.CallbackCompletedAt is null && !e.Closed),
            Percentile(minutes, 0.5),
            Percentile(minutes, 0.9),
            entries.Count(e => e.ManagementEngagedAt is not null),
            entries.Count(e => e.Threats > 0));
    }

    /// <summary>Breached: the SLA timer fired, the callback was completed late, or it is still open past its due time.</summary>
    private static bool IsBreached(ReportEntry e, DateTimeOffset asOf) =>
        e.CallbackBreachedAt is not null
        || e.CallbackCompletedAt > e.CallbackDueAt
        || (e.CallbackCompletedAt is null && !e.Closed && asOf > e.CallbackDueAt);

    /// <summary>Nearest-rank percentile of sorted values, to 0.1; null when there are none.</summary>
    private static double? Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)], 1);

    private static ReportEntry Read(TableEntity e) => new(
        e.RowKey,
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetBoolean("Closed") ?? false,
        e.GetString("Affiliation"),
        e.GetString("Vendor"),
        e.GetString("SupervisorId"),
        e.GetDateTimeOffset("CallbackRequestedAt"),
        e.GetDateTimeOffset("CallbackDueAt"),
        e.GetDateTimeOffset("CallbackBreachedAt"),
        e.GetDateTimeOffset("CallbackCompletedAt"),
        e.GetDateTimeOffset("ManagementEngagedAt"),
        e.GetInt32("Threats") ?? 0);
}
