namespace Escalations.Runtime;

public static class QueueLimits
{
    /// <summary>The longest visibility delay Queue Storage accepts; longer timers hop.</summary>
    public static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
}
