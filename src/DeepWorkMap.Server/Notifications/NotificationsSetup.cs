using DeepWorkMap.Server.Hosting;

namespace DeepWorkMap.Server.Notifications;

/// <summary>Notifications: the retention job (the inbox's store is wired with the other stores).</summary>
public static class NotificationsSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, DeploymentSettings settings)
    {
        services.AddSingleton<NotificationRetention>();
        if (settings.HostsGrains) services.AddHostedService(provider => provider.GetRequiredService<NotificationRetention>());
        return services;
    }
}
