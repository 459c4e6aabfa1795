using Escalations.Domain;

namespace Escalations.Runtime;

public sealed record TimerWork(TimerKind Kind, string Token, DateTimeOffset DueAt);
