using System.Collections.Concurrent;

namespace Escalations.Runtime.Tests;

/// <summary>The clock port's test double: records what each escalation's orchestration was told, and fails on demand.</summary>
public sealed class RecordingClock : IEscalationClock
{
    private int _failuresLeft;

    public ConcurrentQueue<(string EscalationId, int Version)> Told { get; } = new();

    public void FailNext(int times) => Volatile.Write(ref _failuresLeft, times);

    public Task TellAsync(string escalationId, int version, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0) throw new InvalidOperationException("The task hub is not reachable (test).");
        Told.Enqueue((escalationId, version));
        return Task.CompletedTask;
    }

    /// <summary>The versions told to one escalation, in order.</summary>
    public IReadOnlyList<int> VersionsOf(string escalationId) => Told.Where(t => t.EscalationId == escalationId).Select(t => t.Version).ToList();
}
