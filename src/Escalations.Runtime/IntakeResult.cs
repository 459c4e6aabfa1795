using Escalations.Domain;

namespace Escalations.Runtime;

public sealed record IntakeResult(IntakeOutcome Outcome, Escalation? State, DomainError? Error = null);
