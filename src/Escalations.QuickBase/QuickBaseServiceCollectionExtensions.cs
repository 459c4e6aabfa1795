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
        if (options.Enabled && found.Count == 0)
        {
            // One client for the app's life, made when first needed; connections are recycled so DNS changes are picked up.
            services.AddSingleton<IFollowUpSync>(_ => new QuickBaseRecords(options,
                new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan }));
        }

        return services;
    }
}
