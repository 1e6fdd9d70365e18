using DeepWorkMap.Grains.Geo;

namespace DeepWorkMap.Server.Sessions;

/// <summary>Study sessions: grain access, the API's views of them, nearby search and the lifecycle sweep.</summary>
public static class SessionsSetup
{
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddSingleton<SessionGrains>();
        services.AddSingleton<SessionViews>();
        services.AddSingleton<NearbySearch>();
        services.AddHostedService<SessionLifecycleSweeper>();
        return services;
    }
}
