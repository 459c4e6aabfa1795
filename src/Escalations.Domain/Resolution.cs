namespace Escalations.Domain;

public sealed record Resolution(Actor By, string Text, DateTimeOffset At);
