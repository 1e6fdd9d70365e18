using DeepWorkMap.Grains.Chat;
using DeepWorkMap.Server.Hosting;

namespace DeepWorkMap.Server.Chat;

/// <summary>Chat: the rate limit, the one send path that REST and the hub share, and read markers with their store.</summary>
public static class ChatSetup
{
    public static IServiceCollection AddChat(this IServiceCollection services, DeploymentSettings settings)
    {
        services.AddChatStores(settings.IsDurable);
        services.AddSingleton<ReadMarkers>();
        services.AddValidatedOptions<ChatLimits>(ChatLimits.Section);
        services.AddSingleton<ChatRateLimiter>();
        services.AddSingleton<SessionChat>();
        services.AddSingleton<ChatHistory>();
        return services;
    }

    public static IServiceCollection AddChatStores(this IServiceCollection services, bool durable) => durable
        ? services.AddSingleton<IChatLog, PostgresChatLog>().AddSingleton<IReadMarkerStore, PostgresReadMarkerStore>()
        : services.AddSingleton<IChatLog, InMemoryChatLog>().AddSingleton<IReadMarkerStore, InMemoryReadMarkerStore>();
}
