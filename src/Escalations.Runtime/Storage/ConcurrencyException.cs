namespace Escalations.Runtime.Storage;

/// <summary>Another writer changed the escalation first; nothing of this write was stored.</summary>
public sealed class ConcurrencyException(string escalationId, Exception? inner = null)
    : Exception($"Escalation {escalationId} was changed by another request; nothing was written.", inner)
{
    public string EscalationId { get; } = escalationId;
}
