using Escalations.Domain;

namespace Escalations.Runtime;

/// <summary>The default: no follow-up system is configured.</summary>
public sealed class NoFollowUpSync : IFollowUpSync
{
    public bool Enabled => false;

    public Task<FollowUpRecord> SyncAsync(Escalation escalation, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No follow-up system is configured.");
}
