using Escalations.Domain;

namespace EscalationFunctions.Apis;

public sealed record CallbackView(
    DateTimeOffset RequestedAt, DateTimeOffset DueAt, SupervisorRef? Owner, DateTimeOffset? WarningSentAt,
    DateTimeOffset? BreachedAt, DateTimeOffset? CompletedAt, int Attempts, CallbackAttemptView? LastAttempt, bool Unreachable)
{
    public static CallbackView From(CallbackRequest c) => new(
        c.RequestedAt, c.DueAt, c.Owner, c.WarningSentAt, c.BreachedAt, c.CompletedAt, c.Attempts,
        c.LastAttempt is { } a ? new CallbackAttemptView(a.At, a.Outcome, a.By) : null, c.Unreachable);
}
