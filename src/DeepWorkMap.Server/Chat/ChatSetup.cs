using DeepWorkMap.Grains.Chat;
using DeepWorkMap.Server.Hosting;

namespace DeepWorkMap.Server.Chat;

/// <summary>Chat: the rate limit and the one send path that REST and the hub share.</summary>
public static class ChatSetup
{
    public static IServiceCollection AddChat(this IServiceCollection services, DeploymentSettings settings)
    {
        services.AddChatStores(settings.IsDurable);
        services.AddValidatedOptions<ChatLimits>(ChatLimits.Section);
        services.AddSingleton<ChatRateLimiter>();
        services.AddSingleton<SessionChat>();
        return services;
    }

    public static IServiceCollection AddChatStores(this IServiceCollection services, bool durable) => durable
        ? services.AddSingleton<IChatLog, PostgresChatLog>()
        : services.AddSingleton<IChatLog, InMemoryChatLog>();
}
