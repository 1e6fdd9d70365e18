using System.Net;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// What configuration says about where the app runs. No connection strings: embedded mode.
/// <c>ConnectionStrings:Postgres</c> switches on durable storage, <c>ConnectionStrings:Redis</c> Redis membership.
/// </summary>
public sealed record DeploymentSettings(
    string? PostgresConnectionString,
    string? RedisConnectionString,
    string ClusterId,
    string ServiceId,
    int SiloPort,
    int GatewayPort,
    IPAddress AdvertisedAddress,
    bool ApplySchemaOnStartup,
    TimeSpan ProbeTimeout,
    bool ExportsTelemetry)
{
    public bool IsDurable => PostgresConnectionString is not null;

    public static DeploymentSettings From(IConfiguration configuration)
    {
        var advertised = configuration["Orleans:AdvertisedIP"];
        return new DeploymentSettings(
            NullIfEmpty(configuration.GetConnectionString("Postgres")),
            NullIfEmpty(configuration.GetConnectionString("Redis")),
            configuration["Orleans:ClusterId"] ?? "deepwork-map",
            configuration["Orleans:ServiceId"] ?? "deepwork-map",
            configuration.GetValue("Orleans:SiloPort", 11111),
            configuration.GetValue("Orleans:GatewayPort", 30000),
            string.IsNullOrEmpty(advertised) ? DefaultAdvertisedAddress(configuration) : IPAddress.Parse(advertised),
            configuration.GetValue("Database:ApplySchemaOnStartup", true),
            TimeSpan.FromSeconds(configuration.GetValue("Orleans:ProbeTimeoutSeconds", 2.0)),
            !string.IsNullOrWhiteSpace(configuration["OpenTelemetry:OtlpEndpoint"]));
    }

    /// <summary>
    /// Loopback for a single machine; with Redis membership and no Orleans:AdvertisedIP, this host's first
    /// IPv4 address, which is what other containers of a compose network reach it by.
    /// </summary>
    private static IPAddress DefaultAdvertisedAddress(IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis"))) return IPAddress.Loopback;
        return Dns.GetHostAddresses(Dns.GetHostName())
            .FirstOrDefault(address => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(address))
            ?? IPAddress.Loopback;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
