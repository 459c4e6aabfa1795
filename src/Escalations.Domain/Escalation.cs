using System.Collections.Immutable;

namespace Escalations.Domain;

/// <summary>
/// The state of one escalation. Immutable: only <see cref="EscalationStateMachine.Apply"/> produces a next state.
/// There is no field for details of a medical condition, and free text is not kept for medical disclosures.
/// </summary>
public sealed record Escalation
{
    public required string Id { get; init; }
    public EscalationStatus Status { get; init; } = EscalationStatus.New;

    /// <summary>Incremented by every applied transition.</summary>
    public int Version { get; init; }

    public string ContactId { get; init; } = "";
    public string AccountId { get; init; } = "";
    public Agent? Agent { get; init; }
    public RequestCategory Category { get; init; }
    public Disclosure? Disclosure { get; init; }
    public bool ServiceRequestInProgress { get; init; }
    public string? CallbackPhone { get; init; }
    public string? Notes { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public ImmutableSortedSet<ThreatKind> Threats { get; init; } = [];

    /// <summary>The supervisor who took over the call or owns the callback.</summary>
    public SupervisorRef? Supervisor { get; init; }

    public CallbackRequest? Callback { get; init; }
    public ImmutableList<PendingTimer> Timers { get; init; } = [];
    public NextStep NextStep { get; init; } = NextStep.None;
    public Resolution? Resolution { get; init; }
    public ManagementRequest? ManagementRequest { get; init; }

    /// <summary>How many times the customer called again while the callback request was open.</summary>
    public int RepeatCalls { get; init; }

    /// <summary>Number of history entries written so far; the next entry's sequence.</summary>
    public int HistoryCount { get; init; }

    /// <summary>Ids of the events applied so far, so a redelivered event is recognised.</summary>
    public ImmutableHashSet<string> AppliedEventIds { get; init; } = [];

    public static Escalation New(string id) => new() { Id = id };

    public PendingTimer? FindTimer(string token) => Timers.Find(t => t.Token == token);
}
