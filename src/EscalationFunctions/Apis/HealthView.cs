namespace EscalationFunctions.Apis;

/// <summary>The health check's answer; <c>detail</c> names the failure's type when storage is unreachable.</summary>
public sealed record HealthView(HealthStatus Status, StorageReachability Storage, string? Detail, DateTimeOffset CheckedAt);
