using Escalations.Domain;

namespace Escalations.Runtime.Storage;

/// <summary>One open escalation as the work-queue index shows it.</summary>
public sealed record IndexEntry(
    string EscalationId,
    EscalationStatus Status,
    string AccountId,
    string AgentId,
    string? Vendor,
    string? SupervisorId,
    DateTimeOffset? CallbackDueAt,
    DateTimeOffset? NextTimerDueAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    int CallbackAttempts,
    DateTimeOffset? LastAttemptAt,
    CallbackOutcome? LastAttemptOutcome,
    bool Unreachable,
    IReadOnlyList<ThreatKind>? Threats = null,
    int RepeatCalls = 0);
