using System.Net;
using DeepWorkMap.Server.Persistence;
using DeepWorkMap.Server.Telemetry;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// Where the app runs, decided while the host is built. No connection strings: embedded mode.
/// <c>ConnectionStrings:Postgres</c> switches on durable storage, <c>ConnectionStrings:Redis</c> Redis membership.
/// </summary>
public sealed record DeploymentSettings(
    string? PostgresConnectionString,
    string? RedisConnectionString,
    SiloOptions Silo,
    IPAddress AdvertisedAddress,
    bool ApplySchemaOnStartup,
    bool ExportsTelemetry)
{
    public bool IsDurable => PostgresConnectionString is not null;

    public static DeploymentSettings From(IConfiguration configuration)
    {
        var silo = ValidatedOptions.Read<SiloOptions>(configuration, SiloOptions.Section);
        var redis = NullIfEmpty(configuration.GetConnectionString("Redis"));
        var advertised = string.IsNullOrWhiteSpace(silo.AdvertisedIP) ? DefaultAdvertisedAddress(redis is not null)
            : IPAddress.TryParse(silo.AdvertisedIP, out var parsed) ? parsed
            : throw new InvalidOperationException($"Orleans:AdvertisedIP '{silo.AdvertisedIP}' is not an IP address.");
        return new DeploymentSettings(
            NullIfEmpty(configuration.GetConnectionString("Postgres")),
            redis,
            silo,
            advertised,
            ValidatedOptions.Read<DatabaseOptions>(configuration, DatabaseOptions.Section).ApplySchemaOnStartup,
            ValidatedOptions.Read<TelemetryOptions>(configuration, TelemetryOptions.Section).OtlpEndpoint is not null);
    }

    /// <summary>
    /// Loopback for a single machine; with Redis membership and no Orleans:AdvertisedIP, this host's first
    /// IPv4 address, which is what other containers of a compose network reach it by.
    /// </summary>
    private static IPAddress DefaultAdvertisedAddress(bool usesRedis)
    {
        if (!usesRedis) return IPAddress.Loopback;
        return Dns.GetHostAddresses(Dns.GetHostName())
            .FirstOrDefault(address => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(address))
            ?? IPAddress.Loopback;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
