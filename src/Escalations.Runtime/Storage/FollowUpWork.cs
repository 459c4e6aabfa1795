namespace Escalations.Runtime.Storage;

/// <summary>
/// Mirror the escalation's callback request in the follow-up system. The current state is read when the row is
/// performed, so a late retry never writes an older state over a newer one; the result is recorded on the history
/// entry <see cref="HistorySequence"/> (the transition's first).
/// </summary>
public sealed record FollowUpWork(int HistorySequence, string AccountId, DateTimeOffset EntryAt);
