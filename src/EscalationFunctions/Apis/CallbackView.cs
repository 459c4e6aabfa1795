using Escalations.Domain;

namespace EscalationFunctions.Apis;

public sealed record CallbackView(
    DateTimeOffset RequestedAt, DateTimeOffset DueAt, SupervisorRef? Owner, DateTimeOffset? WarningSentAt,
    DateTimeOffset? BreachedAt, DateTimeOffset? CompletedAt);
