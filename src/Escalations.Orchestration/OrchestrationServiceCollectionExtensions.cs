using Microsoft.Extensions.DependencyInjection;

namespace Escalations.Orchestration;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>The orchestration's activities, which both hosts resolve from the app's services.</summary>
    public static IServiceCollection AddEscalationOrchestration(this IServiceCollection services)
    {
        services.AddSingleton<ReadClockActivity>();
        services.AddSingleton<FireTimerActivity>();
        return services;
    }
}
