using Escalations.Domain;

namespace Escalations.Runtime.Storage;

public sealed record TimerWork(TimerKind Kind, string Token, DateTimeOffset DueAt);
