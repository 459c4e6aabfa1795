using Escalations.Domain;

namespace EscalationFunctions.Apis;

public sealed record CallbackAttemptView(DateTimeOffset At, CallbackOutcome Outcome, SupervisorRef By);
