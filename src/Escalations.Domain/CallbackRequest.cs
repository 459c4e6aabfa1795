namespace Escalations.Domain;

/// <summary>The Supervisor Call Back Follow-Up Request.</summary>
public sealed record CallbackRequest(
    DateTimeOffset RequestedAt,
    DateTimeOffset DueAt,
    SupervisorRef? Owner = null,
    DateTimeOffset? WarningSentAt = null,
    DateTimeOffset? BreachedAt = null,
    DateTimeOffset? CompletedAt = null);
