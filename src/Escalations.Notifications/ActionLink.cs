namespace Escalations.Notifications;

/// <summary>The signed content of a link: one escalation, one action, an expiry, and a nonce that makes it single-use.</summary>
public sealed record ActionLink(string EscalationId, LinkAction Action, DateTimeOffset ExpiresAt, string Nonce, string? SupervisorId = null)
{
    /// <summary>The event id the action is applied with: a second use is the same event, so it changes nothing.</summary>
    public string EventId => "link:" + Nonce;
}
