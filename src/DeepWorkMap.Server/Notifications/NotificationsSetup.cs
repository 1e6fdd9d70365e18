using DeepWorkMap.Grains.Users;
using DeepWorkMap.Server.Hosting;

namespace DeepWorkMap.Server.Notifications;

/// <summary>
/// Notifications: the inbox, preferences and follows with their stores, the retention job, and on front doors the mailer
/// with its unsubscribe links.
/// </summary>
public static class NotificationsSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, DeploymentSettings settings)
    {
        services.AddNotificationStores(settings.IsDurable);
        services.AddSingleton<NotificationRetention>();
        if (settings.HostsGrains) services.AddHostedService(provider => provider.GetRequiredService<NotificationRetention>());
        services.AddSingleton<Inbox>();
        services.AddSingleton<Follows>();
        services.AddSingleton<SavedSessions>();
        services.AddSingleton<NotificationPreferences>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<NotificationMails>();
        if (settings.ServesClients) services.AddHostedService<NotificationMailer>();
        return services;
    }

    public static IServiceCollection AddNotificationStores(this IServiceCollection services, bool durable)
    {
        if (durable)
        {
            services.AddSingleton<INotificationStore, PostgresNotificationStore>();
            services.AddSingleton<INotificationMailQueue, PostgresNotificationMailQueue>();
            services.AddSingleton<IPreferencesStore, PostgresPreferencesStore>();
            services.AddSingleton<IFollowStore, PostgresFollowStore>();
        }
        else
        {
            services.AddSingleton<InMemoryNotificationStore>();
            services.AddSingleton<INotificationStore>(provider => provider.GetRequiredService<InMemoryNotificationStore>());
            services.AddSingleton<INotificationMailQueue, InMemoryNotificationMailQueue>();
            services.AddSingleton<IPreferencesStore, InMemoryPreferencesStore>();
            services.AddSingleton<IFollowStore, InMemoryFollowStore>();
        }
        return services;
    }
}
