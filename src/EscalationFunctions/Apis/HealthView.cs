namespace EscalationFunctions.Apis;

public sealed record HealthView(string Status, string Storage, string? Detail, DateTimeOffset CheckedAt);
