namespace Escalations.Runtime;

/// <summary>
/// The escalation's clock (a Durable Functions orchestration per escalation): told of every commit that starts an
/// escalation, changes its timers or closes it. Implemented over the Durable Task client; called by the dispatcher
/// for each <see cref="Storage.OutboxKind.Clock"/> row, after the answer, at least once.
/// </summary>
public interface IEscalationClock
{
    /// <summary>
    /// Starts the escalation's orchestration if it is not there (or failed), otherwise tells it the escalation is now
    /// at <paramref name="version"/>. Safe to repeat: a version the orchestration has already read changes nothing.
    /// </summary>
    Task TellAsync(string escalationId, int version, CancellationToken cancellationToken);
}
