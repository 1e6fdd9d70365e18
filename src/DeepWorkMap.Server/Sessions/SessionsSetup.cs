using DeepWorkMap.Grains.Focus;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Sessions;

/// <summary>Study sessions: grain access, the API's views of them, nearby search and the lifecycle sweep.</summary>
public static class SessionsSetup
{
    public static IServiceCollection AddSessions(this IServiceCollection services, DeploymentSettings settings)
    {
        services.AddSessionStores(settings.IsDurable);
        services.AddSingleton<SessionGrains>();
        services.AddSingleton<SessionViews>();
        services.AddSingleton<OccupiedTiles>();
        services.AddSingleton<NearbySearch>();
        services.AddSingleton<ViewSearch>();
        services.AddSingleton<AreaSearch>();
        services.AddSingleton<SignedInSearchLimit>();
        services.AddSingleton<SessionGeoJson>();
        services.AddSingleton<ViewPages>();
        services.AddSingleton<SessionSearches>();
        services.AddSingleton<HostingCaps>();
        if (settings.HostsGrains) services.AddHostedService<SessionLifecycleSweeper>();
        services.AddValidatedOptions<SessionLimits>(SessionLimits.Section);
        services.AddOptions<ParticipationLimits>().Configure<IOptions<SessionLimits>>((grains, limits) => grains.ActiveJoinsPerUser = limits.Value.ActiveJoinsPerUser);
        services.Configure<RateLimiterOptions>(options =>
        {
            options.AddFixedWindowPolicy<SessionLimits>(SessionEndpoints.AnonymousSearchPolicy,
                http => CurrentUser.IdOf(http.User) is null ? RateLimits.AddressOf(http) : null,
                limits => limits.AnonymousSearchesPerAddressPerMinute, TimeSpan.FromMinutes(1));
            options.AddFixedWindowPolicy<SessionLimits>(SessionEndpoints.CreatePolicy,
                http => CurrentUser.IdOf(http.User)?.ToString(),
                limits => limits.SessionsCreatedPerHostPerHour, TimeSpan.FromHours(1));
        });
        return services;
    }

    /// <summary>The catalog, attendance and the deployment's public position key: PostgreSQL when durable, else memory.</summary>
    public static IServiceCollection AddSessionStores(this IServiceCollection services, bool durable)
    {
        if (durable)
        {
            services.AddSingleton<ISessionCatalog, PostgresSessionCatalog>();
            services.AddSingleton<IAttendanceStore, PostgresAttendanceStore>();
            services.AddSingleton<IPublicPositionKeyStore, PostgresPublicPositionKeyStore>();
        }
        else
        {
            services.AddSingleton<ISessionCatalog, InMemorySessionCatalog>();
            services.AddSingleton<IAttendanceStore, InMemoryAttendanceStore>();
            services.AddSingleton<IPublicPositionKeyStore, InMemoryPublicPositionKeyStore>();
        }
        return services;
    }
}
