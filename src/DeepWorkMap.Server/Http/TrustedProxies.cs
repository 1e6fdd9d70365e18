using System.Net;
using DeepWorkMap.Server.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Http;

/// <summary>
/// The <c>TrustedProxies</c> section: the load balancers in front of the front doors. From their addresses
/// only, <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed, so per-address limits count the
/// real client, not the balancer. Anyone else's forwarded headers are ignored. Empty: no proxy is trusted.
/// </summary>
public sealed class TrustedProxies
{
    public const string Section = "TrustedProxies";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> Addresses { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> Networks { get; set; } = [];
}

public static class TrustedProxiesSetup
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddValidatedOptions<TrustedProxies>(TrustedProxies.Section)
            .Validate(p => p.Addresses.All(a => IPAddress.TryParse(a, out _)), "TrustedProxies:Addresses must be IP addresses.")
            .Validate(p => p.Networks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "TrustedProxies:Networks must be CIDR networks like 10.0.0.0/24.");
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxies>>((forwarded, trusted) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var address in trusted.Value.Addresses) forwarded.KnownProxies.Add(IPAddress.Parse(address));
            foreach (var network in trusted.Value.Networks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return services;
    }

    /// <summary>Forwarded headers are read only when a proxy is configured: with none, ASP.NET Core would believe anyone's.</summary>
    public static void UseTrustedProxies(this WebApplication app)
    {
        var trusted = app.Services.GetRequiredService<IOptions<TrustedProxies>>().Value;
        if (trusted.Addresses.Count > 0 || trusted.Networks.Count > 0) app.UseForwardedHeaders();
    }
}
