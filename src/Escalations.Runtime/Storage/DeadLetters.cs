using Azure.Data.Tables;

namespace Escalations.Runtime.Storage;

/// <summary>The dead-letter table: the one place failed work is written, in one shape.</summary>
public sealed class DeadLetters(StorageClients clients, EscalationTelemetry telemetry)
{
    public async Task AddAsync(DeadLetter letter, CancellationToken cancellationToken = default)
    {
        await clients.DeadLetters.UpsertEntityAsync(new TableEntity(letter.PartitionKey, letter.RowKey)
        {
            ["Source"] = letter.Source,
            ["Kind"] = letter.Kind,
            ["Payload"] = letter.Payload,
            ["Attempts"] = letter.Attempts,
            ["Reason"] = letter.Reason,
            ["DeadLetteredAt"] = letter.DeadLetteredAt,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        telemetry.DeadLettered(letter.Source, letter.Kind);
    }
}
