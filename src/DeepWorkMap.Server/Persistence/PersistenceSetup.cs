using DeepWorkMap.Grains.Accounts;
using DeepWorkMap.Grains.Chat;
using DeepWorkMap.Grains.Focus;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.Server.Accounts;
using DeepWorkMap.Server.Chat;
using DeepWorkMap.Server.Email;
using DeepWorkMap.Server.Moderation;
using DeepWorkMap.Server.Notifications;
using DeepWorkMap.Server.Sessions;
using DeepWorkMap.Server.Stats;
using StackExchange.Redis;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Persistence;

/// <summary>
/// The app's stores behind their interfaces: PostgreSQL when a connection string is given (cluster mode), else
/// memory (embedded mode); what every front door must share and PostgreSQL need not hold (failed logins, familiar networks) in
/// Redis when the cluster has it. One wiring, used by the app's silo and by the test clusters.
/// </summary>
public static class Stores
{
    public static IServiceCollection AddStores(this IServiceCollection services, string? postgres, string? redis = null)
    {
        if (redis is not null)
        {
            services.AddSingleton(new Lazy<Task<IConnectionMultiplexer>>(async () =>
            {
                var options = ConfigurationOptions.Parse(redis);
                options.AbortOnConnectFail = false;
                return await ConnectionMultiplexer.ConnectAsync(options);
            }));
            services.AddSingleton<ILoginFailures, RedisLoginFailures>();
            services.AddSingleton<IFamiliarNetworks, RedisFamiliarNetworks>();
        }
        else
        {
            services.AddSingleton<ILoginFailures, InMemoryLoginFailures>();
            services.AddSingleton<IFamiliarNetworks, InMemoryFamiliarNetworks>();
        }
        if (postgres is not null)
        {
            services.AddSingleton(_ => PostgresDataSource.Create(postgres));
            services.AddSingleton<PostgresUserStore>();
            services.AddSingleton<IUserStore>(provider => provider.GetRequiredService<PostgresUserStore>());
            services.AddSingleton<IAccountStanding>(provider => provider.GetRequiredService<PostgresUserStore>());
            services.AddSingleton<IBlockStore, PostgresBlockStore>();
            services.AddSingleton<IReportStore, PostgresReportStore>();
            services.AddSingleton<IModeratorStore, PostgresModeratorStore>();
            services.AddSingleton<ISessionCatalog, PostgresSessionCatalog>();
            services.AddSingleton<IAttendanceStore, PostgresAttendanceStore>();
            services.AddSingleton<INotificationStore, PostgresNotificationStore>();
            services.AddSingleton<INotificationMailQueue, PostgresNotificationMailQueue>();
            services.AddSingleton<IPreferencesStore, PostgresPreferencesStore>();
            services.AddSingleton<IFollowStore, PostgresFollowStore>();
            services.AddSingleton<IChatLog, PostgresChatLog>();
            services.AddSingleton<IFocusLog, PostgresFocusLog>();
            services.AddSingleton<IPublicPositionKeyStore, PostgresPublicPositionKeyStore>();
            services.AddSingleton<IMailOutbox, PostgresMailOutbox>();
            services.AddSingleton<IAccountTokenStore, PostgresAccountTokenStore>();
            services.AddSingleton<IDeviceStore, PostgresDeviceStore>();
            services.AddSingleton<IDeviceRevocations>(provider => provider.GetRequiredService<IDeviceStore>());
        }
        else
        {
            services.AddSingleton<InMemoryUserStore>();
            services.AddSingleton<IUserStore>(provider => provider.GetRequiredService<InMemoryUserStore>());
            services.AddSingleton<IAccountStanding>(provider => provider.GetRequiredService<InMemoryUserStore>());
            services.AddSingleton<IBlockStore, InMemoryBlockStore>();
            services.AddSingleton<IReportStore, InMemoryReportStore>();
            services.AddSingleton<IModeratorStore, InMemoryModeratorStore>();
            services.AddSingleton<ISessionCatalog, InMemorySessionCatalog>();
            services.AddSingleton<IAttendanceStore, InMemoryAttendanceStore>();
            services.AddSingleton<InMemoryNotificationStore>();
            services.AddSingleton<INotificationStore>(provider => provider.GetRequiredService<InMemoryNotificationStore>());
            services.AddSingleton<INotificationMailQueue, InMemoryNotificationMailQueue>();
            services.AddSingleton<IPreferencesStore, InMemoryPreferencesStore>();
            services.AddSingleton<IFollowStore, InMemoryFollowStore>();
            services.AddSingleton<IChatLog, InMemoryChatLog>();
            services.AddSingleton<IFocusLog, InMemoryFocusLog>();
            services.AddSingleton<IPublicPositionKeyStore, InMemoryPublicPositionKeyStore>();
            services.AddSingleton<IMailOutbox, InMemoryMailOutbox>();
            services.AddSingleton<IAccountTokenStore, InMemoryAccountTokenStore>();
            services.AddSingleton<IDeviceStore, InMemoryDeviceStore>();
            services.AddSingleton<IDeviceRevocations>(provider => provider.GetRequiredService<IDeviceStore>());
        }
        return services;
    }
}
