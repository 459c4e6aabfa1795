using Escalations.Domain;

namespace Escalations.Orchestration;

/// <summary>What the orchestration knows of its escalation: the version read, whether it is still open, its pending timers.</summary>
public sealed record ClockReading(int Version, bool Open, IReadOnlyList<PendingTimer> Timers)
{
    /// <summary>An escalation that is not there (or not yet): nothing to wait for.</summary>
    public static ClockReading Missing { get; } = new(0, false, []);

    public static ClockReading Of(Escalation? escalation) =>
        escalation is null ? Missing : new(escalation.Version, escalation.Status.IsOpen(), escalation.Timers);
}
