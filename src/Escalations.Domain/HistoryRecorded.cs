namespace Escalations.Domain;

/// <summary>Append one entry to the account's Communication History Log.</summary>
public sealed record HistoryRecorded(HistoryEntry Entry) : Effect;
