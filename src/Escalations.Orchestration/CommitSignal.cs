namespace Escalations.Orchestration;

/// <summary>
/// A commit's word to its escalation's orchestration: the escalation is now at <see cref="Version"/>. A signal at or
/// below the version the orchestration has read (a repeat, or one overtaken by a later commit) changes nothing.
/// </summary>
public sealed record CommitSignal(int Version);
