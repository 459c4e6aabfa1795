using Escalations.Domain;

namespace Escalations.Runtime.Workflow;

public sealed record IntakeResult(IntakeOutcome Outcome, Escalation? State, DomainError? Error = null);
