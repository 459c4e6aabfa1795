using EscalationFunctions.Apis;
using Escalations.Notifications;
using Escalations.Runtime.Storage;
using Microsoft.Azure.Functions.Worker;

namespace EscalationFunctions.Functions;

/// <summary>Management's reports, computed by <see cref="ReportsApi"/>.</summary>
public sealed class ReportsFunctions(ComplianceReports reports, EmailOptions email, TimeProvider time)
{
    [Function(nameof(GetSlaComplianceReport))]
    public Task<IResult> GetSlaComplianceReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "reports/sla-compliance")] HttpRequest request, CancellationToken ct)
    {
        var q = request.Query;
        return ReportsApi.GetAsync(request, reports, email, time, ct,
            EscalationsFunctions.Query(q, "from"), EscalationsFunctions.Query(q, "to"), EscalationsFunctions.Query(q, "groupBy"), EscalationsFunctions.Query(q, "format"));
    }
}
