using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Web;

namespace DeepWorkMap.Server.Push;

/// <summary>Web Push: the validated <c>Push</c> section, its keys, the subscriptions and pushes (PostgreSQL or memory), and on front doors the deliverer.</summary>
public static class PushSetup
{
    public static IServiceCollection AddPush(this IServiceCollection services, DeploymentSettings settings)
    {
        services.AddValidatedOptions<PushOptions>(PushOptions.Section)
            .Validate(o => !o.HasKeys || !string.IsNullOrEmpty(o.VapidPublicKey), "Push:VapidPublicKey is required with Push:VapidPrivateKey.")
            .Validate(o => !o.HasKeys || !string.IsNullOrEmpty(o.VapidPrivateKey), "Push:VapidPrivateKey is required with Push:VapidPublicKey.")
            .Validate(o => !o.HasKeys || string.IsNullOrEmpty(o.VapidPublicKey) || string.IsNullOrEmpty(o.VapidPrivateKey) || VapidKeys.IsPair(o.VapidPublicKey, o.VapidPrivateKey),
                "Push:VapidPublicKey and Push:VapidPrivateKey must be one P-256 key pair, base64url (public 87 characters, private 43); see docs/operations.md to make one.")
            .Validate(o => VapidKeys.IsSubject(o.Subject), "Push:Subject must be a mailto: or https: address, e.g. mailto:ops@deepwork.example.org.")
            .Validate(o => o.TestOrigin is null || Uri.TryCreate(o.TestOrigin, UriKind.Absolute, out var origin) && origin.AbsolutePath == "/",
                "Push:TestOrigin must be an origin, e.g. http://localhost:8090.");
        services.AddSingleton<PushKeyring>();
        services.TryAddSingleton<PushHostResolver>(Dns.GetHostAddressesAsync);
        services.AddSingleton<PushEndpointGuard>();
        services.AddSingleton<PushSubscriptions>();
        services.AddSingleton<IPushPublicKey>(provider => provider.GetRequiredService<PushKeyring>());
        services.AddPushStores(settings.IsDurable);
        if (settings.ServesClients)
        {
            // Every connection to a push service goes through the guard, redirects included.
            services.AddHttpClient(nameof(PushDeliverer)).ConfigurePrimaryHttpMessageHandler(provider =>
                new SocketsHttpHandler { ConnectCallback = provider.GetRequiredService<PushEndpointGuard>().ConnectAsync });
            services.AddHostedService<PushDeliverer>();
        }
        return services;
    }

    public static IServiceCollection AddPushStores(this IServiceCollection services, bool durable)
    {
        if (durable)
        {
            services.AddSingleton<IPushSubscriptionStore, PostgresPushSubscriptionStore>();
            return services.AddSingleton<IPushOutbox, PostgresPushOutbox>();
        }
        services.AddSingleton<InMemoryPushSubscriptionStore>();
        services.AddSingleton<IPushSubscriptionStore>(provider => provider.GetRequiredService<InMemoryPushSubscriptionStore>());
        return services.AddSingleton<IPushOutbox, InMemoryPushOutbox>();
    }
}
