namespace Escalations.Runtime.Storage;

/// <summary>
/// One group of the SLA compliance report. <see cref="CompliancePercent"/> is completed within the SLA out of the
/// callbacks whose outcome is known (completed within it, or breached); durations are minutes from the callback
/// request opening to its completion, over completed callbacks (nearest rank).
/// </summary>
public sealed record ComplianceRow(
    string Group,
    int Escalations,
    int CallbacksOpened,
    int CompletedWithinSla,
    double? CompliancePercent,
    int Breached,
    int StillOpen,
    double? MedianMinutesToCallback,
    double? P90MinutesToCallback,
    int ManagementEngagements,
    int ThreatsFlagged);
