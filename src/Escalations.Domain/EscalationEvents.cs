namespace Escalations.Domain;

/// <summary>Where an event came from; recorded as the channel of the history entry it produces.</summary>
public enum Channel
{
    /// <summary>The contact-center platform, on the agent's behalf.</summary>
    ContactCenter,
    /// <summary>A supervisor or manager using the API.</summary>
    Api,
    /// <summary>A one-click link in a notification email.</summary>
    EmailLink,
    Email,
    Phone,
    Chat,
    /// <summary>The workflow itself: timers and automatic steps.</summary>
    System,
}

/// <summary>
/// Something that happened to an escalation. <see cref="EventId"/> makes delivery idempotent:
/// an event whose id was already applied changes nothing.
/// </summary>
public abstract record EscalationEvent
{
    public required string EventId { get; init; }

    public Channel Channel { get; init; } = Channel.ContactCenter;

    /// <summary>The name used in the transition table and in errors.</summary>
    public string Name => GetType().Name;
}

/// <summary>A caller asked to speak to a supervisor (or made a disclosure that routes the call elsewhere).</summary>
public sealed record EscalationRequested(
    string ContactId,
    string AccountId,
    Agent Agent,
    RequestCategory Category,
    Disclosure? Disclosure = null,
    bool ServiceRequestInProgress = false,
    IReadOnlyCollection<ThreatKind>? Threats = null,
    string? CallbackPhone = null,
    string? Notes = null) : EscalationEvent;

public sealed record DeEscalationAttempted(bool Resolved, string? Notes = null) : EscalationEvent;

public sealed record SupervisorPickedUp(SupervisorRef Supervisor) : EscalationEvent;

public sealed record NoSupervisorAvailable : EscalationEvent;

/// <summary>A supervisor takes ownership of an open callback request.</summary>
public sealed record CallbackClaimed(SupervisorRef Supervisor) : EscalationEvent;

public sealed record CallbackCompleted(SupervisorRef Supervisor, bool Resolved, string? Notes = null) : EscalationEvent;

public sealed record ManagementAssistanceRequested(SupervisorRef Supervisor, string Reason) : EscalationEvent;

public sealed record ThreatsReported(IReadOnlyCollection<ThreatKind> Kinds) : EscalationEvent;

public sealed record EscalationResolved(SupervisorRef By, string Resolution) : EscalationEvent;

/// <summary>The customer called again about an escalation whose callback is still open; no second callback clock starts.</summary>
public sealed record CustomerCalledAgain(string ContactId, Agent Agent) : EscalationEvent;

/// <summary>A durable timer came due. Applied only while <see cref="Token"/> is still pending on the escalation.</summary>
public sealed record TimerElapsed(TimerKind Kind, string Token) : EscalationEvent;
