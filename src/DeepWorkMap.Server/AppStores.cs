using DeepWorkMap.Server.Accounts;
using DeepWorkMap.Server.Chat;
using DeepWorkMap.Server.Email;
using DeepWorkMap.Server.Identity;
using DeepWorkMap.Server.Moderation;
using DeepWorkMap.Server.Notifications;
using DeepWorkMap.Server.Persistence;
using DeepWorkMap.Server.Push;
using DeepWorkMap.Server.Sessions;
using DeepWorkMap.Server.Stats;

namespace DeepWorkMap.Server;

/// <summary>
/// Every feature's stores on their persistence, without the rest of the features: for a silo that wires only what its grains
/// need (the test clusters). The app itself gets each feature's stores from that feature's <c>AddX</c>.
/// </summary>
public static class AppStores
{
    public static IServiceCollection AddStores(this IServiceCollection services, string? postgres, string? redis = null)
    {
        var durable = postgres is not null;
        return services.AddPersistence(postgres, redis)
            .AddIdentityStores(durable)
            .AddAccountStores(durable, shared: redis is not null)
            .AddModerationStores(durable)
            .AddSessionStores(durable)
            .AddNotificationStores(durable)
            .AddChatStores(durable)
            .AddStatsStores(durable)
            .AddPushStores(durable)
            .AddEmailStores(durable);
    }
}
