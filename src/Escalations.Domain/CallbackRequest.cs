namespace Escalations.Domain;

/// <summary>The Supervisor Call Back Follow-Up Request.</summary>
public sealed record CallbackRequest(
    DateTimeOffset RequestedAt,
    DateTimeOffset DueAt,
    SupervisorRef? Owner = null,
    DateTimeOffset? WarningSentAt = null,
    DateTimeOffset? BreachedAt = null,
    DateTimeOffset? CompletedAt = null)
{
    /// <summary>Calls made to the customer that did not reach them.</summary>
    public int Attempts { get; init; }

    public CallbackAttempt? LastAttempt { get; init; }

    /// <summary>
    /// <see cref="EscalationOptions.MaxCallbackAttempts"/> attempts have not reached the customer. Nothing closes by
    /// itself; the flag puts the callback in front of management.
    /// </summary>
    public bool Unreachable { get; init; }
}
