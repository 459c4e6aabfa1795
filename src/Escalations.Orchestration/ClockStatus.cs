using Escalations.Domain;

namespace Escalations.Orchestration;

/// <summary>
/// The orchestration's custom status, for anyone looking at the instance: the escalation version it has read and
/// the timer it is waiting for. Ids and times only.
/// </summary>
public sealed record ClockStatus(int Version, TimerKind? NextTimer, DateTimeOffset? DueAt);
