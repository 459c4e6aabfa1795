namespace Escalations.Domain;

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
