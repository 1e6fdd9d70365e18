using System.Net;
using DeepWorkMap.Server.Persistence;

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
    bool ExportsTelemetry,
    HostRole Role = HostRole.All,
    Uri? OperationsUrl = null,
    bool DashboardWanted = false,
    bool KubernetesHosting = false)
{
    public bool IsDurable => PostgresConnectionString is not null;

    /// <summary>This process hosts grains (and their duties: the lifecycle sweep, retention, the schema).</summary>
    public bool HostsGrains => Role != HostRole.FrontDoor;

    /// <summary>This process serves the API, the hub and the page.</summary>
    public bool ServesClients => Role != HostRole.Silo;

    /// <summary>Metrics are collected: for an OTLP collector, or for Prometheus on the operations listener.</summary>
    public bool CollectsMetrics => ExportsTelemetry || OperationsUrl is not null;

    /// <summary>The Orleans dashboard, on a silo's operations listener.</summary>
    public bool ServesDashboard => HostsGrains && OperationsUrl is not null && DashboardWanted;

    public static DeploymentSettings From(IConfiguration configuration)
    {
        MovedSettings.RefuseOldKeys(configuration);
        var silo = ValidatedOptions.Read<SiloOptions>(configuration, SiloOptions.Section);
        var postgres = PostgresOf(configuration);
        if (postgres is not null && ConnectionStringProblem(postgres) is { } problem)
            throw ValidatedOptions.Refuse<DatabaseOptions>("ConnectionStrings", $"ConnectionStrings:Postgres: {problem}");
        RefuseBadListenAddresses(configuration);
        var redis = NullIfEmpty(configuration.GetConnectionString("Redis"));
        var role = ValidatedOptions.Read<RoleOptions>(configuration, RoleOptions.Section).ToHostRole();
        if (role != HostRole.All && (redis is null || postgres is null))
            throw ValidatedOptions.Refuse<RoleOptions>(nameof(RoleOptions.Role), $"Role: {HostRoles.NameOf(role)} splits the app across processes: it needs ConnectionStrings:Postgres and ConnectionStrings:Redis (where front doors find the silos).");
        var advertised = string.IsNullOrWhiteSpace(silo.AdvertisedIP) ? DefaultAdvertisedAddress(redis is not null)
            : IPAddress.TryParse(silo.AdvertisedIP, out var parsed) ? parsed
            : throw ValidatedOptions.Refuse<SiloOptions>(SiloOptions.Section, $"Orleans:AdvertisedIP: '{silo.AdvertisedIP}' is not an IP address.");
        var operations = ValidatedOptions.Read<OperationsOptions>(configuration, OperationsOptions.Section);
        return new DeploymentSettings(
            postgres,
            redis,
            silo,
            advertised,
            ValidatedOptions.Read<DatabaseOptions>(configuration, DatabaseOptions.Section).ApplySchemaOnStartup,
            ValidatedOptions.Read<TelemetryOptions>(configuration, TelemetryOptions.Section).OtlpEndpoint is not null,
            role,
            operations.Url,
            operations.Dashboard,
            silo.KubernetesHosting);
    }

    /// <summary>
    /// <c>ConnectionStrings:Postgres</c>, or null when unset or blank: the one place it is read, for the app and for the
    /// <c>migrate</c> and <c>moderators</c> commands alike.
    /// </summary>
    public static string? PostgresOf(IConfiguration configuration) => NullIfEmpty(configuration.GetConnectionString("Postgres"));

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

    /// <summary>Why Npgsql cannot read the connection string, or null. Read here, it is one line at start, not a crash later.</summary>
    private static string? ConnectionStringProblem(string connectionString)
    {
        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).ToString();
            return null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Not Npgsql's message: the 'keyword' it names may be the rest of a password holding a ';'.
            return "not a connection string Npgsql reads: a keyword it does not know or a value of the wrong kind (a value holding ';' must be quoted).";
        }
    }

    /// <summary>The addresses to listen on (<c>urls</c>, <c>--urls</c> or <c>ASPNETCORE_URLS</c>), read as Kestrel will read them.</summary>
    private static void RefuseBadListenAddresses(IConfiguration configuration)
    {
        foreach (var address in (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IsListenAddress(address))
                throw ValidatedOptions.Refuse<SiloOptions>("urls", $"urls: '{address}' is not an address to listen on, e.g. http://0.0.0.0:8080.");
        }
    }

    /// <summary>
    /// As Kestrel reads it (a scheme, then a host of '*', '+', an IP or a name, or a unix socket), with a port it can read:
    /// Kestrel takes 'http://127.0.0.1:808O' for a host named so on port 80, and binds every interface.
    /// </summary>
    private static bool IsListenAddress(string address)
    {
        Microsoft.AspNetCore.Http.BindingAddress parsed;
        try
        {
            parsed = Microsoft.AspNetCore.Http.BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }
        return parsed.IsUnixPipe || parsed.IsNamedPipe || parsed.Host is "*" or "+" || Uri.CheckHostName(parsed.Host) != UriHostNameType.Unknown;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
