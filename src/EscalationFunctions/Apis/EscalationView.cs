using Escalations.Domain;

namespace EscalationFunctions.Apis;

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
        e.Callback is { } c ? CallbackView.From(c) : null,
        e.Timers.OrderBy(t => t.DueAt).Select(t => new TimerView(t.Kind, t.DueAt)).ToList(),
        e.NextStep, e.Resolution, e.CreatedAt, e.UpdatedAt, linked,
        history?.Select(HistoryViewOf).ToList());

    public static HistoryView HistoryViewOf(HistoryEntry h) => new(h.EscalationId, h.Sequence, h.At, h.Actor, h.Action, h.Channel, h.Summary, h.Delivery);
}
