using Escalations.Runtime.Storage;
namespace Escalations.Runtime.Workflow;

/// <summary>
/// What one dispatcher did with an escalation's outbox rows, before it settles them: the rows performed (or
/// dead-lettered), the rows to retry, and the earliest time anything left needs another look.
/// </summary>
public sealed class DispatchPass(string escalationId)
{
    public string EscalationId { get; } = escalationId;

    public List<OutboxRow> Done { get; } = [];

    public List<OutboxRow> Retry { get; } = [];

    /// <summary>What the mail relay or QuickBase took, recorded on its history entry when the rows settle.</summary>
    public List<EntryDelivery> Deliveries { get; } = [];

    /// <summary>When a row left behind (backing off, or held by another dispatcher) is due again; null when none is.</summary>
    public DateTimeOffset? Next { get; private set; }

    public void Later(DateTimeOffset at)
    {
        if (Next is not { } next || at < next) Next = at;
    }

    /// <summary>Forgets the rows and deliveries just written; what is due again is kept.</summary>
    public void Settled()
    {
        Done.Clear();
        Retry.Clear();
        Deliveries.Clear();
    }
}
