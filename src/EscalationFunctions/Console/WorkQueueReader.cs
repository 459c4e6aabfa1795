using Escalations.Domain;
using Escalations.Runtime.Storage;

namespace EscalationFunctions.Console;

/// <summary>
/// The console's lists, read from the open-escalation index the API's <c>ListEscalations</c> reads (written right
/// after each commit, so a list follows an action or a fired timer within milliseconds).
/// </summary>
public sealed class WorkQueueReader(Projections projections)
{
    /// <summary>The most rows a list shows per state; a shift's queue is far shorter.</summary>
    public const int MaxRows = 500;

    /// <summary>Callers holding for a supervisor, the longest-waiting first (the one whose hold ends soonest).</summary>
    public async Task<IReadOnlyList<IndexEntry>> HoldingAsync(CancellationToken ct) =>
        (await ReadAsync(EscalationStatus.AwaitingSupervisor, null, null, null, ct))
        .OrderBy(e => e.NextTimerDueAt ?? DateTimeOffset.MaxValue).ThenBy(e => e.UpdatedAt).ToList();

    /// <summary>Open callback requests, pending or breached, the least time remaining first.</summary>
    public async Task<IReadOnlyList<IndexEntry>> CallbacksAsync(CallbackFilter filter, string userId, CancellationToken ct)
    {
        var owner = filter.Mine ? userId : filter.Owner;
        var unreachable = filter.Unreachable ? true : (bool?)null;
        var pending = ReadAsync(EscalationStatus.CallbackPending, filter.Vendor, owner, filter.DueBefore, ct, unreachable: unreachable);
        var breached = ReadAsync(EscalationStatus.SlaBreached, filter.Vendor, owner, filter.DueBefore, ct, unreachable: unreachable);
        return (await pending).Concat(await breached).OrderBy(e => e.CallbackDueAt ?? DateTimeOffset.MaxValue).ToList();
    }

    /// <summary>Breached callbacks, the oldest breach first, then escalations management was brought into, the oldest first.</summary>
    public async Task<IReadOnlyList<IndexEntry>> ManagementAsync(CancellationToken ct)
    {
        var breached = ReadAsync(EscalationStatus.SlaBreached, null, null, null, ct);
        var engaged = ReadAsync(EscalationStatus.ManagementEngaged, null, null, null, ct);
        return (await breached).OrderBy(e => e.CallbackDueAt ?? e.UpdatedAt)
            .Concat((await engaged).OrderBy(e => e.UpdatedAt)).ToList();
    }

    public async Task<IReadOnlyList<IndexEntry>> OpenForAccountAsync(string accountId, CancellationToken ct) =>
        (await ReadAsync(null, null, null, null, ct, accountId)).OrderBy(e => e.CreatedAt).ToList();

    private async Task<List<IndexEntry>> ReadAsync(
        EscalationStatus? status, string? vendor, string? supervisorId, DateTimeOffset? dueBefore, CancellationToken ct, string? accountId = null, bool? unreachable = null)
    {
        var rows = new List<IndexEntry>();
        string? token = null;
        do
        {
            var page = await projections.ListOpenAsync(status, vendor, supervisorId, dueBefore, 200, token, accountId, unreachable, cancellationToken: ct);
            rows.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null && rows.Count < MaxRows);

        return rows;
    }
}
