using Escalations.Domain;

namespace Escalations.Runtime.Workflow;

/// <summary>What delivering a due timer did, and the escalation after it (null when not there, or when early).</summary>
public sealed record TimerDelivered(TimerOutcome Outcome, Escalation? State);
