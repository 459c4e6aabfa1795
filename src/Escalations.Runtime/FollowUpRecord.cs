namespace Escalations.Runtime;

/// <summary>The record that mirrors a callback request in another system: which system, its id there, and whether this call created it.</summary>
public sealed record FollowUpRecord(string System, string RecordId, bool Created);
