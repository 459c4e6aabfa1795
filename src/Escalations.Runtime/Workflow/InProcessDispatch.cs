using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Escalations.Runtime.Workflow;

/// <summary>
/// The hand-off from the request path to the in-process dispatch worker: a commit posts its outbox rows here and
/// the request answers. Bounded: when the worker is this far behind, a commit's effects are left to its backstop
/// message instead of piling up in memory.
/// </summary>
public sealed partial class InProcessDispatch(ILogger<InProcessDispatch> logger)
{
    public const int Capacity = 4096;

    private readonly Channel<DispatchWork> _channel = Channel.CreateBounded<DispatchWork>(
        new BoundedChannelOptions(Capacity) { SingleWriter = false, SingleReader = false });
    private readonly Dictionary<string, int> _pending = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _inFlight;
    private TaskCompletionSource _idle = Completed();

    public ChannelReader<DispatchWork> Reader => _channel.Reader;

    /// <summary>Work posted and not yet finished.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Hands a commit's effects to the worker. False when it is full or stopping: the backstop message will do them.</summary>
    public bool TryPost(DispatchWork work)
    {
        Enter(work);
        if (_channel.Writer.TryWrite(work)) return true;
        Exit(work);
        LogNotQueued(work.EscalationId);
        return false;
    }

    /// <summary>The backstop of a request that committed nothing: the worker deletes its message.</summary>
    public void Forget(OutboxBackstop backstop) => TryPost(new DispatchWork(backstop.EscalationId, [], backstop));

    /// <summary>True while this process still holds effects of the escalation, so a re-drive can leave them to it.</summary>
    public bool IsPending(string escalationId)
    {
        lock (_gate) return _pending.ContainsKey(escalationId);
    }

    /// <summary>Called by the worker when it is done with a piece of work, whatever the outcome.</summary>
    public void Finished(DispatchWork work) => Exit(work);

    /// <summary>Takes no more work; what is queued is still handed out.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Completes when nothing is queued or in progress (tests and the benchmark wait on it).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate) return _idle.Task.WaitAsync(cancellationToken);
    }

    private void Enter(DispatchWork work)
    {
        lock (_gate)
        {
            if (work.HasEffects) _pending[work.EscalationId] = _pending.GetValueOrDefault(work.EscalationId) + 1;
            if (_inFlight++ == 0) _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private void Exit(DispatchWork work)
    {
        lock (_gate)
        {
            if (work.HasEffects && _pending.TryGetValue(work.EscalationId, out var n))
            {
                if (n <= 1) _pending.Remove(work.EscalationId);
                else _pending[work.EscalationId] = n - 1;
            }

            if (--_inFlight == 0) _idle.TrySetResult();
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation {EscalationId}: the in-process dispatcher is full or stopping; the outbox message performs these effects.")]
    private partial void LogNotQueued(string escalationId);
}
