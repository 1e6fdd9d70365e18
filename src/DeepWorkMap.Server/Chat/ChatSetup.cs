using DeepWorkMap.Server.Hosting;

namespace DeepWorkMap.Server.Chat;

/// <summary>Chat: the rate limit, the one send path that REST and the hub share, and read markers with their store.</summary>
public static class ChatSetup
{
    public static IServiceCollection AddChat(this IServiceCollection services, DeploymentSettings settings)
    {
        if (settings.PostgresConnectionString is not null) services.AddSingleton<IReadMarkerStore, PostgresReadMarkerStore>();
        else services.AddSingleton<IReadMarkerStore, InMemoryReadMarkerStore>();
        services.AddSingleton<ReadMarkers>();
        services.AddValidatedOptions<ChatLimits>(ChatLimits.Section);
        services.AddSingleton<ChatRateLimiter>();
        services.AddSingleton<SessionChat>();
        return services;
    }
}
