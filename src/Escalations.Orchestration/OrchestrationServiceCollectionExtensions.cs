using Microsoft.Extensions.DependencyInjection;

namespace Escalations.Orchestration;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>The orchestration's activities, which both hosts resolve from the app's services, and the clock the dispatcher tells.</summary>
    public static IServiceCollection AddEscalationOrchestration(this IServiceCollection services)
    {
        services.AddSingleton<OrchestrationClient>();
        services.AddSingleton<Escalations.Runtime.IEscalationClock, DurableEscalationClock>();
        services.AddSingleton<ReadClockActivity>();
        services.AddSingleton<FireTimerActivity>();
        return services;
    }
}
