using DeepWorkMap.Server.Chat;
using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.SignalR;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Realtime;

/// <summary>The hub and the relays that carry grain events to its connections.</summary>
public static class RealtimeSetup
{
    public static IServiceCollection AddRealtime(this IServiceCollection services, DeploymentSettings settings)
    {
        services.AddValidatedOptions<RealtimeOptions>(RealtimeOptions.Section);
        services.AddSingleton<SessionRelay>();
        services.AddSingleton<ILocalChatRelay>(provider => provider.GetRequiredService<SessionRelay>());
        services.AddSingleton<AreaRelay>();
        services.AddSingleton<PersonalRelay>();
        services.AddSingleton<IPersonalDelivery>(provider => provider.GetRequiredService<PersonalRelay>());
        if (settings.ServesClients) services.AddHostedService<LiveRenewal>();
        services.AddSingleton<HubConnectionCloser>();
        services.AddSingleton<HubConnectionQuota>();
        services.AddSingleton<MapWatchLimit>();
        services.AddSingleton<HubErrorFilter>();
        // Before AddSignalR, whose open-generic default this closed registration for the hub outranks either way.
        services.AddSingleton<HubLifetimeManager<DeepWorkHub>, IndexedHubLifetimeManager>();
        services.AddSignalR(options => options.AddFilter<HubErrorFilter>())
            .AddJsonProtocol(options =>
            {
                options.PayloadSerializerOptions.Converters.Add(new UtcTimestampConverter());
                options.PayloadSerializerOptions.Converters.Add(new HubMessageJson());
            });
        return services;
    }

    /// <summary>
    /// The hub, for signed-in users only: the user of a connection never changes, so its methods trust it. A
    /// connection is closed when its token expires, as a REST call with that token would be refused.
    /// </summary>
    public static void MapRealtime(this IEndpointRouteBuilder routes) =>
        routes.MapHub<DeepWorkHub>(DeepWorkHub.Path, options => options.CloseOnAuthenticationExpiration = true).RequireAuthorization();
}
