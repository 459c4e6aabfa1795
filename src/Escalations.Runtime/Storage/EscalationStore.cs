using Azure;
using Azure.Data.Tables;
using Escalations.Domain;

namespace Escalations.Runtime.Storage;

/// <summary>
/// The escalations table. One partition per escalation holds its state row, its history rows and its pending
/// outbox rows, so a transition commits as one entity-group batch: all of it or none of it.
/// </summary>
public sealed class EscalationStore(StorageClients clients, IFollowUpSync followUps)
{
    private readonly TableClient _table = clients.Escalations;

    public async Task<StoredEscalation?> LoadAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await StorageErrors.Guard(() => _table.GetEntityIfExistsAsync<TableEntity>(id, TableKeys.StateRow, cancellationToken: cancellationToken), "reading an escalation").ConfigureAwait(false);
        if (!response.HasValue) return null;
        var entity = response.Value!;
        return new StoredEscalation(StorageJson.Deserialize<Escalation>(entity.GetString("State")), entity.ETag, entity.GetString("TraceParent"));
    }

    /// <summary>
    /// Stores an applied transition: the new state (guarded by <paramref name="current"/>'s ETag, or created when
    /// there is none), its history rows and its outbox rows, in one batch. Throws <see cref="ConcurrencyException"/>
    /// when another writer got there first; then nothing is written. <paramref name="trace"/>, when given, is kept: the
    /// escalation's trace on its state row, the effects' parent span on the outbox rows. <paramref name="byClock"/>: the
    /// escalation's clock made this commit (a timer), and reads its outcome itself, so it is not told of it.
    /// </summary>
    public async Task<IReadOnlyList<OutboxRow>> CommitAsync(
        StoredEscalation? current, Transition transition, DateTimeOffset now, TraceParents? trace = null, bool byClock = false, CancellationToken cancellationToken = default)
    {
        if (transition.Outcome != TransitionOutcome.Applied)
            throw new ArgumentException("Only applied transitions are stored.", nameof(transition));

        var state = transition.State;
        var stateRow = new TableEntity(state.Id, TableKeys.StateRow)
        {
            ["State"] = StorageJson.Serialize(state),
            ["Status"] = state.Status.ToString(),
            ["Version"] = state.Version,
            ["AccountId"] = state.AccountId,
            ["TraceParent"] = trace?.Escalation,
        };
        var actions = new List<TableTransactionAction>
        {
            current is null
                ? new TableTransactionAction(TableTransactionActionType.Add, stateRow)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, stateRow, current.ETag),
        };
        actions.AddRange(transition.History.Select(h => new TableTransactionAction(TableTransactionActionType.Add, HistoryRow(h))));
        var outbox = OutboxRow.For(transition, now, followUps.Enabled, trace?.Effects, byClock);
        actions.AddRange(outbox.Select(o => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(o))));

        Response<IReadOnlyList<Response>> committed;
        try
        {
            committed = await StorageErrors.Guard(() => _table.SubmitTransactionAsync(actions, cancellationToken), "committing a transition").ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ConcurrencyException(state.Id, ex);
        }

        // The outbox rows come last in the batch; their ETags let a dispatcher claim them without reading them again.
        var first = actions.Count - outbox.Count;
        return outbox.Select((row, i) => row with
        {
            ETag = committed.Value[first + i].Headers.ETag ?? throw new InvalidOperationException("Table Storage answered a batch insert without an ETag."),
        }).ToList();
    }

    /// <summary>One cheap round trip to the escalations table: throws when storage cannot be reached.</summary>
    public Task PingAsync(CancellationToken cancellationToken = default) =>
        _table.GetEntityIfExistsAsync<TableEntity>("health", "probe", ["PartitionKey"], cancellationToken);

    /// <summary>The escalation's Communication History Log, oldest first.</summary>
    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken = default) =>
        StorageErrors.Guard(() => QueryHistoryAsync(id, cancellationToken), "reading history");

    public Task<IReadOnlyList<OutboxRow>> GetOutboxAsync(string id, CancellationToken cancellationToken = default) =>
        StorageErrors.Guard(() => QueryOutboxAsync(id, cancellationToken), "reading the outbox");

    private async Task<IReadOnlyList<HistoryEntry>> QueryHistoryAsync(string id, CancellationToken cancellationToken)
    {
        var filter = RangeFilter(id, TableKeys.HistoryPrefix);
        var entries = new List<HistoryEntry>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            entries.Add(ReadHistory(entity));
        return entries;
    }

    private async Task<IReadOnlyList<OutboxRow>> QueryOutboxAsync(string id, CancellationToken cancellationToken)
    {
        var rows = new List<OutboxRow>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(RangeFilter(id, TableKeys.OutboxPrefix), cancellationToken: cancellationToken).ConfigureAwait(false))
            rows.Add(ReadOutbox(entity));
        return rows;
    }

    /// <summary>Escalations that have outbox rows created before <paramref name="before"/> (a scan across partitions).</summary>
    public async Task<IReadOnlyList<string>> FindStaleOutboxAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        (await FindStaleOutboxRowsAsync(before, cancellationToken).ConfigureAwait(false)).EscalationIds;

    /// <summary>As <see cref="FindStaleOutboxAsync"/>, with when the oldest of those rows was created (null when none).</summary>
    public async Task<StaleOutbox> FindStaleOutboxRowsAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {TableKeys.OutboxPrefix} and RowKey lt {TableKeys.RangeEnd(TableKeys.OutboxPrefix)} and CreatedAt le {before}");
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        DateTimeOffset? oldest = null;
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "CreatedAt"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            ids.Add(entity.PartitionKey);
            if (entity.GetDateTimeOffset("CreatedAt") is { } created && (oldest is null || created < oldest)) oldest = created;
        }

        return new StaleOutbox(ids.ToList(), oldest);
    }

    /// <summary>
    /// Deletes performed rows and records retries, each conditioned on the ETag the dispatcher holds; in one batch,
    /// or row by row when another dispatcher touched some of them first (a batch fails whole). Returns how many
    /// rows another dispatcher had already changed or settled.
    /// </summary>
    public async Task<int> SettleOutboxAsync(
        string id, IEnumerable<OutboxRow> done, IEnumerable<OutboxRow> retry,
        IEnumerable<(int HistorySequence, NotificationDelivery Delivery)>? deliveries = null, CancellationToken cancellationToken = default)
    {
        // A delivery is merged onto its history entry in the same batch that deletes the notification's row: the
        // log says who was emailed exactly when the row says the email is done.
        var actions = done.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(id, r.RowKey), r.ETag))
            .Concat(retry.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(r), r.ETag)))
            .Concat((deliveries ?? []).Select(d => new TableTransactionAction(TableTransactionActionType.UpdateMerge, DeliveryEntity(id, TableKeys.History(d.HistorySequence), d.Delivery), ETag.All)))
            .ToList();
        if (actions.Count == 0) return 0;
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412 && actions.Count > 1)
        {
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return 1;
        }

        var touched = 0;
        foreach (var action in actions)
        {
            try
            {
                if (action.ActionType == TableTransactionActionType.Delete)
                    await _table.DeleteEntityAsync(id, action.Entity.RowKey, action.ETag, cancellationToken).ConfigureAwait(false);
                else
                    await _table.UpdateEntityAsync(action.Entity, action.ETag,
                        action.ActionType == TableTransactionActionType.UpdateMerge ? TableUpdateMode.Merge : TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                touched++;
            }
        }

        return touched;
    }

    /// <summary>
    /// Claims an outbox row for one dispatcher until <paramref name="until"/>: an update conditioned on the ETag the
    /// dispatcher read. Returns the claimed row (with its new ETag), or null when another dispatcher changed or
    /// settled the row first; then the row is theirs.
    /// </summary>
    public async Task<OutboxRow?> ClaimAsync(OutboxRow row, string owner, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var claimed = row with { ClaimedBy = owner, ClaimedUntil = until };
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(claimed), row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return claimed with { ETag = response.Headers.ETag ?? throw new InvalidOperationException("Table Storage answered an update without an ETag.") };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    private static string RangeFilter(string id, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {prefix} and RowKey lt {TableKeys.RangeEnd(prefix)}");

    internal static TableEntity HistoryRow(HistoryEntry h, string? partitionKey = null, string? rowKey = null) => new(
        partitionKey ?? h.EscalationId, rowKey ?? TableKeys.History(h.Sequence))
    {
        ["EscalationId"] = h.EscalationId,
        ["AccountId"] = h.AccountId,
        ["Sequence"] = h.Sequence,
        ["At"] = h.At,
        ["ActorRole"] = h.Actor.Role.ToString(),
        ["ActorId"] = h.Actor.Id,
        ["ActorName"] = h.Actor.Name,
        ["Action"] = h.Action.ToString(),
        ["Channel"] = h.Channel.ToString(),
        ["Summary"] = h.Summary,
    };

    internal static HistoryEntry ReadHistory(TableEntity e) => new(
        e.GetString("EscalationId"),
        e.GetString("AccountId"),
        e.GetInt32("Sequence") ?? 0,
        e.GetDateTimeOffset("At") ?? default,
        new Actor(Enum.Parse<ActorRole>(e.GetString("ActorRole")), e.GetString("ActorId"), e.GetString("ActorName")),
        Enum.Parse<HistoryAction>(e.GetString("Action")),
        Enum.Parse<Channel>(e.GetString("Channel")),
        e.GetString("Summary"))
    {
        Delivery = e.GetString("DeliveredTo") is { } to
            ? new NotificationDelivery(to.Split("; ", StringSplitOptions.RemoveEmptyEntries), e.GetString("MessageId"), e.GetString("DeliveryNote"), e.GetDateTimeOffset("DeliveredAt") ?? default)
            : null,
    };

    /// <summary>The columns a delivery adds to a history row (merged, so the entry itself is never rewritten).</summary>
    internal static TableEntity DeliveryEntity(string partitionKey, string rowKey, NotificationDelivery delivery) => new(partitionKey, rowKey)
    {
        ["DeliveredTo"] = string.Join("; ", delivery.To),
        ["MessageId"] = delivery.MessageId,
        ["DeliveryNote"] = delivery.Note,
        ["DeliveredAt"] = delivery.At,
    };

    private static TableEntity ToEntity(OutboxRow r) => new(r.EscalationId, r.RowKey)
    {
        ["Kind"] = r.Kind.ToString(),
        ["Payload"] = r.Payload,
        ["Attempts"] = r.Attempts,
        ["CreatedAt"] = r.CreatedAt,
        ["NextAttemptAt"] = r.NextAttemptAt,
        ["LastError"] = r.LastError,
        ["ClaimedBy"] = r.ClaimedBy,
        ["ClaimedUntil"] = r.ClaimedUntil,
        ["TraceParent"] = r.TraceParent,
    };

    private static OutboxRow ReadOutbox(TableEntity e) => new(
        e.PartitionKey,
        e.RowKey,
        e.GetString("Kind") switch { "Email" => OutboxKind.Notification, "Timer" => OutboxKind.Clock, var kind => Enum.Parse<OutboxKind>(kind) },
        e.GetString("Payload"),
        e.GetInt32("Attempts") ?? 0,
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetDateTimeOffset("NextAttemptAt") ?? default,
        e.GetString("LastError"),
        e.ETag,
        e.GetString("ClaimedBy"),
        e.GetDateTimeOffset("ClaimedUntil"),
        e.GetString("TraceParent"));
}
