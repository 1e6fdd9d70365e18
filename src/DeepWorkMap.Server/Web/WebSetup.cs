using DeepWorkMap.Server.Hosting;

namespace DeepWorkMap.Server.Web;

/// <summary>The web page: its settings (the map's start, tiles, away time), and the public address absolute links are built from.</summary>
public static class WebSetup
{
    public static IServiceCollection AddWeb(this IServiceCollection services, DeploymentSettings settings)
    {
        services.AddValidatedOptions<WebPageOptions>(WebPageOptions.Section);
        services.AddValidatedOptions<PublicAddressOptions>(PublicAddressOptions.Section)
            .Validate(o => o.IsValid(), $"{PublicAddressOptions.Key} must be an absolute http or https URL without credentials, a query or a fragment, e.g. https://deepwork.example.org.")
            .Validate(o => !settings.IsDurable || !settings.ServesClients || !string.IsNullOrEmpty(o.PublicBaseUrl),
                $"{PublicAddressOptions.Key} is required in cluster mode: the address users reach the front doors at (e.g. https://deepwork.example.org), " +
                "from which calendar feed addresses and calendar links are built. Set it, e.g. with the environment variable Web__PublicBaseUrl.");
        services.AddSingleton<PublicLinks>();
        return services;
    }
}
