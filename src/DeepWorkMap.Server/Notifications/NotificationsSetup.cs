using DeepWorkMap.Server.Hosting;

namespace DeepWorkMap.Server.Notifications;

/// <summary>
/// Notifications: the retention job, and on front doors the mailer with its unsubscribe links (the inbox's store and
/// the mail queue are wired with the other stores).
/// </summary>
public static class NotificationsSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, DeploymentSettings settings)
    {
        services.AddSingleton<NotificationRetention>();
        if (settings.HostsGrains) services.AddHostedService(provider => provider.GetRequiredService<NotificationRetention>());
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<NotificationMails>();
        if (settings.ServesClients) services.AddHostedService<NotificationMailer>();
        return services;
    }
}
