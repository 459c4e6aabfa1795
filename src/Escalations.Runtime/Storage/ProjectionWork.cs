using Escalations.Domain;

namespace Escalations.Runtime.Storage;

public sealed record ProjectionWork(Escalation Snapshot, IReadOnlyList<HistoryEntry> History);
