using Escalations.Runtime.Storage;
namespace Escalations.Runtime.Workflow;

/// <summary>
/// One commit's effects handed to the in-process dispatcher, with the backstop message that covers them. No rows:
/// nothing was committed, only the message is removed; <see cref="ReadRows"/>: whatever the outbox holds is performed
/// (a commit that may have landed though its answer was lost).
/// </summary>
public sealed record DispatchWork(string EscalationId, IReadOnlyList<OutboxRow> Rows, OutboxBackstop Backstop, bool ReadRows = false)
{
    /// <summary>Whether this work performs effects (rather than only removing a message).</summary>
    public bool HasEffects => Rows.Count > 0 || ReadRows;
}
