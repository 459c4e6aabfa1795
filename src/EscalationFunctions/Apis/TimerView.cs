using Escalations.Domain;

namespace EscalationFunctions.Apis;

public sealed record TimerView(TimerKind Kind, DateTimeOffset DueAt);
