using Escalations.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Escalations.QuickBase;

public static class QuickBaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers the QuickBase connector as the follow-up port when <c>QuickBase:Realm</c> is set. The section is read
    /// strictly and validated; each problem is added to <paramref name="problems"/>, or, when none is given, thrown at
    /// once as an <see cref="InvalidConfigurationException"/>.
    /// </summary>
    public static IServiceCollection AddQuickBase(this IServiceCollection services, IConfiguration configuration, ICollection<string>? problems = null)
    {
        var found = new List<string>();
        var options = StrictSettings.Bind<QuickBaseOptions>(configuration, QuickBaseOptions.SectionName, found);
        found.AddRange(options.Validate());
        if (problems is null) InvalidConfigurationException.ThrowIfAny(found);
        else foreach (var problem in found) problems.Add(problem);

        services.AddSingleton(options);
        if (options.Enabled)
        {
            // One client for the app's life; connections are recycled so DNS changes are picked up.
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
            services.AddSingleton<IFollowUpSync>(new QuickBaseRecords(options, http));
        }

        return services;
    }
}
