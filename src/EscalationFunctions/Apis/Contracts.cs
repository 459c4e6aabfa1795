using Escalations.Domain;

namespace EscalationFunctions.Apis;

// Request and response bodies: JSON, camelCase, enums as camelCase names. Required members are `required`, so a
// missing one is a 400 naming the field; unknown members are refused (see ApiJson).

public sealed record AgentBody
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required AgentAffiliation Affiliation { get; init; }
    public string? Vendor { get; init; }
}

public sealed record StartEscalationRequest
{
    public required string ContactId { get; init; }
    public required string AccountId { get; init; }
    public required AgentBody Agent { get; init; }
    public required RequestCategory Category { get; init; }
    public Disclosure? Disclosure { get; init; }
    public bool ServiceRequestInProgress { get; init; }
    public IReadOnlyList<ThreatKind>? Threats { get; init; }
    public string? CallbackPhone { get; init; }
    public string? Notes { get; init; }
}

public sealed record DeEscalationRequest
{
    public required bool Resolved { get; init; }
    public string? Notes { get; init; }
}

public sealed record SupervisorRequest
{
    public required string SupervisorId { get; init; }
    public string? SupervisorName { get; init; }
}

public sealed record CompleteCallbackRequest
{
    public required string SupervisorId { get; init; }
    public string? SupervisorName { get; init; }
    public required bool Resolved { get; init; }
    public string? Notes { get; init; }
}

public sealed record ManagementAssistanceRequest
{
    public required string SupervisorId { get; init; }
    public string? SupervisorName { get; init; }
    public required string Reason { get; init; }
    /// <summary>How the supervisor reached the Management Team, when not through this API: phone, chat or email.</summary>
    public Channel? Channel { get; init; }
}

public sealed record ThreatsRequest
{
    public required IReadOnlyList<ThreatKind> Kinds { get; init; }
}

public sealed record ResolveRequest
{
    public required string By { get; init; }
    public string? ByName { get; init; }
    public required string Resolution { get; init; }
}

public sealed record NoSupervisorRequest
{
    public string? Notes { get; init; }
}

public sealed record TimerView(TimerKind Kind, DateTimeOffset DueAt);

public sealed record CallbackView(
    DateTimeOffset RequestedAt, DateTimeOffset DueAt, SupervisorRef? Owner, DateTimeOffset? WarningSentAt,
    DateTimeOffset? BreachedAt, DateTimeOffset? CompletedAt);

public sealed record HistoryView(
    string EscalationId, int Sequence, DateTimeOffset At, Actor Actor, HistoryAction Action, Channel Channel, string Summary);

/// <summary>An escalation as the API shows it.</summary>
public sealed record EscalationView(
    string Id,
    EscalationStatus Status,
    bool Open,
    int Version,
    string ContactId,
    string AccountId,
    AgentBody? Agent,
    RequestCategory Category,
    Disclosure? Disclosure,
    IReadOnlyList<ThreatKind> Threats,
    SupervisorRef? Supervisor,
    CallbackView? Callback,
    IReadOnlyList<TimerView> PendingTimers,
    NextStep NextStep,
    Resolution? Resolution,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool? LinkedToExisting = null,
    IReadOnlyList<HistoryView>? History = null)
{
    public static EscalationView From(Escalation e, IReadOnlyList<HistoryEntry>? history = null, bool? linked = null) => new(
        e.Id, e.Status, e.Status.IsOpen(), e.Version, e.ContactId, e.AccountId,
        e.Agent is { } a ? new AgentBody { Id = a.Id, Name = a.Name, Affiliation = a.Affiliation, Vendor = a.Vendor } : null,
        e.Category, e.Disclosure,
        e.Threats.ToList(), e.Supervisor,
        e.Callback is { } c ? new CallbackView(c.RequestedAt, c.DueAt, c.Owner, c.WarningSentAt, c.BreachedAt, c.CompletedAt) : null,
        e.Timers.OrderBy(t => t.DueAt).Select(t => new TimerView(t.Kind, t.DueAt)).ToList(),
        e.NextStep, e.Resolution, e.CreatedAt, e.UpdatedAt, linked,
        history?.Select(HistoryViewOf).ToList());

    public static HistoryView HistoryViewOf(HistoryEntry h) => new(h.EscalationId, h.Sequence, h.At, h.Actor, h.Action, h.Channel, h.Summary);
}

public sealed record PageView<T>(IReadOnlyList<T> Items, string? Next);

public sealed record HealthView(string Status, string Storage, string? Detail, DateTimeOffset CheckedAt);
