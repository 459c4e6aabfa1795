using Escalations.Runtime.Workflow;
using Escalations.Orchestration;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;

namespace Escalations.Orchestration.Tests;

/// <summary>
/// A mocked <see cref="TaskOrchestrationContext"/> for the orchestrator's unit tests: its clock is set by the test,
/// timers complete at once (and move the clock to the time they were set for, unless the test says a timer
/// resumes early), commit signals come from a queue, and the activities answer as scripted. Every call is recorded.
/// </summary>
public sealed class ScriptedContext
{
    private readonly Mock<TaskOrchestrationContext> _mock = new();
    private readonly Queue<TimeSpan?> _resumes = new();
    private readonly Queue<TaskCompletionSource<CommitSignal>> _signals = new();

    public ScriptedContext(DateTimeOffset start)
    {
        Now = start;
        _mock.SetupGet(c => c.CurrentUtcDateTime).Returns(() => Now.UtcDateTime);
        _mock.SetupGet(c => c.InstanceId).Returns("esc-1");
        _mock.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        _mock.Setup(c => c.CreateReplaySafeLogger(It.IsAny<string>())).Returns(NullLogger.Instance);
        _mock.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns((DateTime at, CancellationToken _) =>
        {
            Timers.Add(new DateTimeOffset(at, TimeSpan.Zero));
            var early = _resumes.Count > 0 ? _resumes.Dequeue() : TimeSpan.Zero;
            if (early is null) return new TaskCompletionSource().Task;
            var resumeAt = new DateTimeOffset(at, TimeSpan.Zero) - early.Value;
            if (resumeAt > Now) Now = resumeAt;
            return Task.CompletedTask;
        });
        _mock.Setup(c => c.WaitForExternalEvent<CommitSignal>(EscalationTasks.CommitEvent, It.IsAny<CancellationToken>()))
            .Returns(() => (_signals.Count > 0 ? _signals.Dequeue() : new TaskCompletionSource<CommitSignal>()).Task);
        _mock.Setup(c => c.CallActivityAsync<ClockReading>(It.Is<TaskName>(n => n.Name == EscalationTasks.ReadClock), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(() =>
            {
                Reads++;
                return Task.FromResult(ReadClock());
            });
        _mock.Setup(c => c.CallActivityAsync<ClockReading>(It.Is<TaskName>(n => n.Name == EscalationTasks.FireTimer), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                var firing = (TimerFiring)input!;
                Fired.Add((firing, Now));
                return Task.FromResult(FireTimer(firing));
            });
        _mock.Setup(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>())).Callback((object? input, bool _) => ContinuedWith = (ClockInput?)input);
    }

    public TaskOrchestrationContext Context => _mock.Object;

    /// <summary>The orchestration's clock (<c>CurrentUtcDateTime</c>).</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>What the read activity answers (it may throw, as an unreadable answer does).</summary>
    public Func<ClockReading> ReadClock { get; set; } = () => ClockReading.Missing;

    /// <summary>What the fire activity answers.</summary>
    public Func<TimerFiring, ClockReading> FireTimer { get; set; } = _ => ClockReading.Missing with { Delivery = TimerOutcome.Applied };

    public int Reads { get; private set; }
    public List<DateTimeOffset> Timers { get; } = [];
    public List<(TimerFiring Firing, DateTimeOffset At)> Fired { get; } = [];
    public ClockInput? ContinuedWith { get; private set; }

    /// <summary>The next timer armed resumes this much before the time it was set for.</summary>
    public void NextTimerResumesEarly(TimeSpan early) => _resumes.Enqueue(early);

    /// <summary>The next timer armed is still waiting when anything else happens.</summary>
    public void NextTimerWaits() => _resumes.Enqueue(null);

    /// <summary>Commit signals, delivered one to each wait in turn; after them the orchestration waits for good.</summary>
    public void Signals(params int[] versions)
    {
        foreach (var version in versions)
        {
            var signal = new TaskCompletionSource<CommitSignal>();
            signal.SetResult(new CommitSignal(version));
            _signals.Enqueue(signal);
        }
    }

    public int Waits => _mock.Invocations.Count(i => i.Method.Name == nameof(TaskOrchestrationContext.WaitForExternalEvent));
}
