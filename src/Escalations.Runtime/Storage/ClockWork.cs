namespace Escalations.Runtime.Storage;

/// <summary>A <see cref="OutboxKind.Clock"/> row's payload: the version the commit made.</summary>
public sealed record ClockWork(int Version);
