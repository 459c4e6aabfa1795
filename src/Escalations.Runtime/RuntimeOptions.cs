namespace Escalations.Runtime;

/// <summary>Names and tunables of the durable runtime (configuration section <c>Runtime</c>).</summary>
public sealed class RuntimeOptions
{
    public const string SectionName = "Runtime";

    /// <summary>Escalation state, history and outbox rows, one partition per escalation.</summary>
    public string EscalationsTable { get; set; } = "Escalations";

    /// <summary>The Communication History Log by account, newest first (a projection).</summary>
    public string AccountHistoryTable { get; set; } = "AccountHistory";

    /// <summary>Open escalations for work queues and the sweep (a projection).</summary>
    public string IndexTable { get; set; } = "EscalationIndex";

    /// <summary>Effects that failed for good, with the reason.</summary>
    public string DeadLetterTable { get; set; } = "EscalationDeadLetters";

    /// <summary>One row per escalation for the SLA compliance report, by month of intake (a projection).</summary>
    public string ReportTable { get; set; } = "EscalationReport";

    /// <summary>Outbox re-drive messages: one per transition with effects, visible only if in-process dispatch did not finish.</summary>
    public string OutboxQueue { get; set; } = "escalation-outbox";

    /// <summary>How long after a commit the outbox message shows up when in-process dispatch has not finished.</summary>
    public TimeSpan DispatchGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a dispatcher holds a notification's outbox row while it sends it. Longer than a send can take
    /// (SMTP timeout plus the wait for the send rate); after it, another dispatcher may take the row over.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// In-process dispatch: most transitions whose timers and projections are performed at once. Below what the
    /// pumps have in flight (4 loops x 16), a burst of timers outruns it and the timers it enqueues come late.
    /// </summary>
    public int DispatchConcurrency { get; set; } = 48;

    /// <summary>Attempts at one effect before it is dead-lettered.</summary>
    public int MaxDispatchAttempts { get; set; } = 8;

    /// <summary>First retry delay of a failed effect; doubles per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the sweep looks for overdue timers and outbox rows left behind.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How late a timer or an outbox row must be before the sweep re-drives it.</summary>
    public TimeSpan SweepGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the index keeps a closed escalation, so late projections of older versions are recognised.</summary>
    public TimeSpan ClosedIndexRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long one storage call may take before it is abandoned and tried again (twice more): a caller on the phone
    /// hears "try again" (503) in seconds, not minutes, when storage is slow or away.
    /// </summary>
    public TimeSpan StorageTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Standalone pumps: pause between polls of an empty queue.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Standalone pumps: how long a received message stays hidden while it is handled.</summary>
    public TimeSpan MessageLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Standalone pumps: messages received per poll (the service allows at most 32).</summary>
    public int ReceiveBatchSize { get; set; } = 16;

    /// <summary>Standalone pumps: most receive loops per queue while a backlog lasts (one when the queue is idle).</summary>
    public int ReceiveLoops { get; set; } = 4;

    /// <summary>Standalone pumps: whether this process polls the queues and runs the sweep itself (false under the Functions host).</summary>
    public bool RunPumps { get; set; } = true;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Positive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero) problems.Add($"{SectionName}:{name} must be positive (was {value}).");
        }

        Positive(DispatchGrace, nameof(DispatchGrace));
        Positive(ClaimLease, nameof(ClaimLease));
        Positive(RetryBaseDelay, nameof(RetryBaseDelay));
        Positive(RetryMaxDelay, nameof(RetryMaxDelay));
        Positive(SweepInterval, nameof(SweepInterval));
        Positive(SweepGrace, nameof(SweepGrace));
        Positive(ClosedIndexRetention, nameof(ClosedIndexRetention));
        Positive(PollInterval, nameof(PollInterval));
        Positive(MessageLease, nameof(MessageLease));
        Positive(StorageTimeout, nameof(StorageTimeout));
        if (MaxDispatchAttempts < 1) problems.Add($"{SectionName}:MaxDispatchAttempts must be at least 1 (was {MaxDispatchAttempts}).");
        if (ReceiveBatchSize is < 1 or > 32) problems.Add($"{SectionName}:ReceiveBatchSize must be between 1 and 32 (was {ReceiveBatchSize}).");
        if (DispatchConcurrency is < 1 or > 256) problems.Add($"{SectionName}:DispatchConcurrency must be between 1 and 256 (was {DispatchConcurrency}).");
        if (ReceiveLoops is < 1 or > 64) problems.Add($"{SectionName}:ReceiveLoops must be between 1 and 64 (was {ReceiveLoops}).");
        if (DispatchGrace > QueueLimits.MaxVisibilityDelay) problems.Add($"{SectionName}:DispatchGrace must be at most 7 days.");
        return problems;
    }
}
