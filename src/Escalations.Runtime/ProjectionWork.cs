using Escalations.Domain;

namespace Escalations.Runtime;

public sealed record ProjectionWork(Escalation Snapshot, IReadOnlyList<HistoryEntry> History);
