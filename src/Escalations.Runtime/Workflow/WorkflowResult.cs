using Escalations.Domain;

namespace Escalations.Runtime.Workflow;

/// <summary>What applying one event did. <see cref="State"/> is the escalation after it (null when not found).</summary>
public sealed record WorkflowResult(WorkflowOutcome Outcome, Escalation? State, DomainError? Error = null, string? Reason = null);
