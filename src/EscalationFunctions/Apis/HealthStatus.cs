namespace EscalationFunctions.Apis;

public enum HealthStatus
{
    Healthy,
    Degraded,
}
