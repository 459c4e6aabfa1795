using Escalations.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Escalations.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers notifications as email: the <c>Email</c> and <c>Routing</c> sections and the action-link settings of
    /// <c>Security</c>, read strictly and validated (placeholder addresses only when <paramref name="allowPlaceholders"/>,
    /// in the Development environment); the message builder; and the sender, SMTP when
    /// <c>Email:Smtp:Host</c> is set, the pickup folder otherwise. Each problem is added to
    /// <paramref name="problems"/>, or, when none is given, thrown at once as an <see cref="InvalidConfigurationException"/>.
    /// </summary>
    public static IServiceCollection AddEscalationNotifications(
        this IServiceCollection services, IConfiguration configuration, bool allowPlaceholders, ICollection<string>? problems = null, params Type[] sharingSecurity)
    {
        var found = new List<string>();
        var email = StrictSettings.Bind<EmailOptions>(configuration, EmailOptions.SectionName, found);
        var routing = StrictSettings.Bind<RoutingOptions>(configuration, RoutingOptions.SectionName, found);
        var links = StrictSettings.Bind<ActionLinkOptions>(configuration, ActionLinkOptions.SectionName, found, sharingSecurity);
        found.AddRange(email.Validate());
        found.AddRange(routing.Validate(allowPlaceholders));
        found.AddRange(links.Validate());
        if (problems is null) InvalidConfigurationException.ThrowIfAny(found);
        else foreach (var problem in found) problems.Add(problem);

        services.AddSingleton(email);
        services.AddSingleton(routing);
        services.AddSingleton(links);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ActionLinks>();
        services.AddSingleton<NotificationMessages>();
        if (email.UsesSmtp)
            services.AddSingleton<INotificationSender, SmtpNotificationSender>();
        else
            services.AddSingleton<INotificationSender, PickupDirectorySender>();
        return services;
    }
}
