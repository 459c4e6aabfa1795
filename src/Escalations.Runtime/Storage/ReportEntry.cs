namespace Escalations.Runtime.Storage;

/// <summary>One escalation as the report projection stores it.</summary>
public sealed record ReportEntry(
    string EscalationId,
    DateTimeOffset CreatedAt,
    bool Closed,
    string? Affiliation,
    string? Vendor,
    string? SupervisorId,
    DateTimeOffset? CallbackRequestedAt,
    DateTimeOffset? CallbackDueAt,
    DateTimeOffset? CallbackBreachedAt,
    DateTimeOffset? CallbackCompletedAt,
    DateTimeOffset? ManagementEngagedAt,
    int Threats);
