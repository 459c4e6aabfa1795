using Azure;
using Azure.Data.Tables;
using Escalations.Domain;

namespace Escalations.Runtime.Storage;

/// <summary>
/// The read models, written by the outbox after each commit: the account's Communication History Log
/// (partition = account, newest first) and the index of open escalations (one partition). Both writes are
/// idempotent, and the index refuses a version older than the one it holds, so late or repeated projections
/// never roll it back.
/// </summary>
public sealed class Projections(StorageClients clients, RuntimeOptions options)
{
    public const string OpenPartition = "open";

    public async Task ProjectAsync(ProjectionWork work, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var state = work.Snapshot;
        var writes = new List<Task>
        {
            WriteAccountHistoryAsync(work.History, cancellationToken),
            WriteIndexAsync(OpenPartition, state, now, cancellationToken),
        };
        // An escalation is listed under its account from when its callback request opens until it closes, for the
        // repeat-call lookup. Only those two moves change what the lookup reads, so only they write there.
        var opened = work.History.Any(h => h.Action == HistoryAction.CallbackRequestCreated);
        if (state.Callback is not null && (opened || state.Status is not (EscalationStatus.CallbackPending or EscalationStatus.SlaBreached)))
            writes.Add(WriteIndexAsync(AccountPartition(state.AccountId), state, now, cancellationToken));
        // The report row changes only with the moves the report counts (a warning or a repeat call leaves it as it is).
        if (work.History.Any(h => ChangesReport(h.Action)))
            writes.Add(WriteVersionedAsync(clients.Report, ReportRow(state), state.Version, firstWrite: state.Version == 1, cancellationToken));
        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    /// <summary>The report's partition: the UTC month of the escalation's intake.</summary>
    public static string ReportPartition(DateTimeOffset createdAt) => createdAt.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private static bool ChangesReport(HistoryAction action) =>
        action is not (HistoryAction.DeEscalationFailed or HistoryAction.BreachWarningSent or HistoryAction.CustomerCalledAgain or HistoryAction.Notified
            or HistoryAction.SupervisorGuidanceRequested or HistoryAction.CallbackAttempted);

    /// <summary>What the SLA compliance report reads about one escalation: ids, times and flags, nothing about the customer.</summary>
    private static TableEntity ReportRow(Escalation s) => new(ReportPartition(s.CreatedAt), s.Id)
    {
        ["Version"] = s.Version,
        ["CreatedAt"] = s.CreatedAt,
        ["Status"] = s.Status.ToString(),
        ["Closed"] = s.Status.IsTerminal(),
        ["Affiliation"] = s.Agent?.Affiliation.ToString(),
        ["Vendor"] = s.Agent?.Vendor,
        ["AgentId"] = s.Agent?.Id,
        ["SupervisorId"] = s.Callback?.Owner?.Id ?? s.Supervisor?.Id,
        ["CallbackRequestedAt"] = s.Callback?.RequestedAt,
        ["CallbackDueAt"] = s.Callback?.DueAt,
        ["CallbackBreachedAt"] = s.Callback?.BreachedAt,
        ["CallbackCompletedAt"] = s.Callback?.CompletedAt,
        ["ManagementEngagedAt"] = s.ManagementRequest?.At,
        ["Threats"] = s.Threats.Count,
    };

    /// <summary>The index partition listing an account's escalations that have had a callback request.</summary>
    public static string AccountPartition(string accountId) => "account|" + TableKeys.Encode(accountId);

    public static string AccountHistoryRowKey(HistoryEntry h) =>
        $"{(DateTimeOffset.MaxValue.UtcTicks - h.At.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture)}|{h.EscalationId}|{h.Sequence:D6}";

    /// <summary>
    /// Adds a delivery to the account's copy of its history entry. Best effort: the escalation's own log already has
    /// it, and a copy not yet written (its projection is retried) is left as it is.
    /// </summary>
    public async Task RecordDeliveryAsync(string escalationId, int historySequence, string accountId, DateTimeOffset entryAt, NotificationDelivery delivery, CancellationToken cancellationToken = default)
    {
        var rowKey = AccountHistoryRowKey(new HistoryEntry(escalationId, accountId, historySequence, entryAt, Actor.System, HistoryAction.Notified, Channel.Email, ""));
        try
        {
            await clients.AccountHistory.UpdateEntityAsync(EscalationStore.DeliveryEntity(TableKeys.Encode(accountId), rowKey, delivery), Azure.ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException)
        {
            // Not there yet, or storage failing: the escalation's own history entry has the delivery.
        }
    }

    private async Task WriteAccountHistoryAsync(IReadOnlyList<HistoryEntry> history, CancellationToken cancellationToken)
    {
        foreach (var account in history.GroupBy(h => TableKeys.Encode(h.AccountId)))
        {
            foreach (var chunk in account.Chunk(100))
            {
                var actions = chunk.Select(h => new TableTransactionAction(
                    // Merge: a repeated projection must not wipe the delivery a dispatcher added since.
                    TableTransactionActionType.UpsertMerge,
                    EscalationStore.HistoryRow(h, account.Key, AccountHistoryRowKey(h))));
                await clients.AccountHistory.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private Task WriteIndexAsync(string partition, Escalation state, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteVersionedAsync(clients.Index, IndexRow(partition, state, now), state.Version, firstWrite: false, cancellationToken);

    /// <summary>
    /// Writes a read-model row unless the table already holds the same or a newer version of it, so a repeated or
    /// late projection never rolls it back. With <paramref name="firstWrite"/> (an intake's projection) the row is
    /// inserted without reading first; only when it is already there is it read and compared.
    /// </summary>
    private static async Task WriteVersionedAsync(TableClient table, TableEntity row, int version, bool firstWrite, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            NullableResponse<TableEntity>? existing = null;
            if (!firstWrite || attempt > 0)
            {
                existing = await table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (existing.HasValue && (existing.Value!.GetInt32("Version") ?? 0) >= version) return;
            }

            try
            {
                if (existing is { HasValue: true })
                    await table.UpdateEntityAsync(row, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                else
                    await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 5)
            {
                // Another projector wrote first: read again and compare versions.
            }
        }
    }

    private static TableEntity IndexRow(string partition, Escalation s, DateTimeOffset now) => new(partition, s.Id)
    {
        ["Status"] = s.Status.ToString(),
        ["AccountId"] = s.AccountId,
        ["AgentId"] = s.Agent?.Id,
        ["Vendor"] = s.Agent?.Vendor,
        ["SupervisorId"] = s.Supervisor?.Id,
        ["CallbackDueAt"] = s.Status.IsOpen() ? s.Callback?.DueAt : null,
        ["NextTimerDueAt"] = s.Timers.IsEmpty ? null : s.Timers.Min(t => t.DueAt),
        ["Threats"] = string.Join(",", s.Threats),
        ["CallbackAttempts"] = s.Callback?.Attempts ?? 0,
        ["LastAttemptAt"] = s.Callback?.LastAttempt?.At,
        ["LastAttemptOutcome"] = s.Callback?.LastAttempt?.Outcome.ToString(),
        ["Unreachable"] = s.Status.IsOpen() && s.Callback?.Unreachable == true,
        ["RepeatCalls"] = s.RepeatCalls,
        ["CreatedAt"] = s.CreatedAt,
        ["UpdatedAt"] = s.UpdatedAt,
        ["Version"] = s.Version,
        ["Closed"] = s.Status.IsTerminal(),
        ["ClosedAt"] = s.Status.IsTerminal() ? now : null,
    };

    /// <summary>Open escalations, filtered; every filter is optional.</summary>
    public async Task<Page<IndexEntry>> ListOpenAsync(
        EscalationStatus? status = null, string? vendor = null, string? supervisorId = null, DateTimeOffset? dueBefore = null,
        int pageSize = 50, string? continuationToken = null, string? accountId = null, bool? unreachable = null, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {OpenPartition} and Closed eq {false}");
        if (accountId is not null) filter += " and " + TableClient.CreateQueryFilter($"AccountId eq {accountId}");
        if (status is { } st) filter += " and " + TableClient.CreateQueryFilter($"Status eq {st.ToString()}");
        if (vendor is not null) filter += " and " + TableClient.CreateQueryFilter($"Vendor eq {vendor}");
        if (supervisorId is not null) filter += " and " + TableClient.CreateQueryFilter($"SupervisorId eq {supervisorId}");
        if (dueBefore is { } due) filter += " and " + TableClient.CreateQueryFilter($"CallbackDueAt le {due}");
        // Every projection since attempts were counted writes the Unreachable column. A row last written before that
        // lacks it, and Table Storage leaves a row out of any comparison on a column it lacks: only the unfiltered list has it.
        if (unreachable is true) filter += " and " + TableClient.CreateQueryFilter($"Unreachable eq {true}");
        if (unreachable is false) filter += " and " + TableClient.CreateQueryFilter($"Unreachable ne {true}");

        var pages = clients.Index.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize);
        await foreach (var page in pages.ConfigureAwait(false))
            return new Page<IndexEntry>(page.Values.Select(ReadIndex).ToList(), page.ContinuationToken);
        return new Page<IndexEntry>([], null);
    }

    /// <summary>
    /// The account's open callback request (pending or breached) due soonest, if it has one: one query of the
    /// account's own index partition, so the cost follows the account's callbacks, not the number of open escalations.
    /// </summary>
    public async Task<string?> FindOpenCallbackAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {AccountPartition(accountId)} and Closed eq {false} and (Status eq {nameof(EscalationStatus.CallbackPending)} or Status eq {nameof(EscalationStatus.SlaBreached)})");
        string? soonest = null;
        DateTimeOffset soonestDue = DateTimeOffset.MaxValue;
        await foreach (var e in clients.Index.QueryAsync<TableEntity>(filter, select: ["RowKey", "CallbackDueAt"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var due = e.GetDateTimeOffset("CallbackDueAt") ?? DateTimeOffset.MaxValue;
            if (soonest is null || due < soonestDue) (soonest, soonestDue) = (e.RowKey, due);
        }

        return soonest;
    }

    /// <summary>Removes index rows of escalations closed longer than the retention. Returns how many went.</summary>
    public async Task<int> PurgeClosedAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // Both the open partition and the accounts' partitions: a scan, which is why only the sweep does it.
        var filter = TableClient.CreateQueryFilter($"Closed eq {true} and ClosedAt le {now - options.ClosedIndexRetention}");
        var purged = 0;
        await foreach (var e in clients.Index.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await clients.Index.DeleteEntityAsync(e.PartitionKey, e.RowKey, e.ETag, cancellationToken).ConfigureAwait(false);
            purged++;
        }

        return purged;
    }

    /// <summary>The account's Communication History Log across all its escalations, newest first.</summary>
    public async Task<Page<HistoryEntry>> GetAccountHistoryAsync(string accountId, int pageSize = 50, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Encode(accountId)}");
        var pages = clients.AccountHistory.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize);
        await foreach (var page in pages.ConfigureAwait(false))
            return new Page<HistoryEntry>(page.Values.Select(EscalationStore.ReadHistory).ToList(), page.ContinuationToken);
        return new Page<HistoryEntry>([], null);
    }

    private static IndexEntry ReadIndex(TableEntity e) => new(
        e.RowKey,
        Enum.Parse<EscalationStatus>(e.GetString("Status")),
        e.GetString("AccountId"),
        e.GetString("AgentId") ?? "",
        e.GetString("Vendor"),
        e.GetString("SupervisorId"),
        e.GetDateTimeOffset("CallbackDueAt"),
        e.GetDateTimeOffset("NextTimerDueAt"),
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetDateTimeOffset("UpdatedAt") ?? default,
        e.GetInt32("Version") ?? 0,
        e.GetInt32("CallbackAttempts") ?? 0,
        e.GetDateTimeOffset("LastAttemptAt"),
        e.GetString("LastAttemptOutcome") is { } outcome ? Enum.Parse<CallbackOutcome>(outcome) : null,
        e.GetBoolean("Unreachable") ?? false,
        (e.GetString("Threats") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ThreatKind>).ToList(),
        e.GetInt32("RepeatCalls") ?? 0);
}
