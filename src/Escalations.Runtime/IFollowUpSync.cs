using Escalations.Domain;

namespace Escalations.Runtime;

/// <summary>
/// The follow-up record port (QuickBase in this app): mirrors an escalation's callback request in the system where
/// supervisors work it. <see cref="SyncAsync"/> must be idempotent (an upsert keyed by the escalation id), since a
/// retried effect calls it again. Throw <see cref="PermanentEffectException"/> for failures no retry can fix and
/// <see cref="RetryAfterException"/> when the system asks to be called later.
/// </summary>
public interface IFollowUpSync
{
    /// <summary>False when no system is configured: no follow-up effects are written at all.</summary>
    bool Enabled { get; }

    Task<FollowUpRecord> SyncAsync(Escalation escalation, CancellationToken cancellationToken);
}
