namespace Escalations.Domain;

public sealed record TimerScheduled(TimerKind Kind, string Token, DateTimeOffset DueAt) : Effect;
