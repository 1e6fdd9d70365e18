using System.Net.Http.Headers;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Orleans.Runtime;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>The real front door and co-hosted silo, on Kestrel at a free loopback port.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, Uri baseAddress, int siloPort)
    {
        _app = app;
        BaseAddress = baseAddress;
        SiloPort = siloPort;
    }

    public Uri BaseAddress { get; }

    public int SiloPort { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Embedded mode when <paramref name="configuration"/> names no connection strings.</summary>
    public static async Task<RunningServer> StartAsync(IDictionary<string, string?>? configuration = null, Action<WebApplicationBuilder>? customize = null)
    {
        var siloPort = FreePort.Next();
        var settings = new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = siloPort.ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
            // The caps are off for tests; a test of a cap turns it on.
            ["Sessions:AnonymousSearchesPerAddressPerMinute"] = "0",
            ["Accounts:SignupsPerAddressPerHour"] = "0",
            ["Sessions:SessionsCreatedPerHostPerHour"] = "0",
            ["Sessions:ActiveSessionsPerHost"] = "0",
            ["Sessions:ActiveSeriesPerHost"] = "0",
            ["Realtime:HubConnectionsPerUser"] = "0",
            ["Sessions:SearchesPerUserPerMinute"] = "0",
            ["Realtime:MapWatchesPerConnectionPerMinute"] = "0",
            ["Sessions:ActiveJoinsPerUser"] = "0",
            ["Moderation:ReportsPerUserPerHour"] = "0",
            // Tests move the clock by hours and keep their tokens; the tests of token lifetimes set their own.
            ["Jwt:TokenLifetimeMinutes"] = "10080",
            // Hosting needs a verified address; the tests of that turn it on. Their mail stays in a folder of this server's.
            ["Email:RequireVerification"] = "false",
            ["Email:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "deepwork-test-mail", Guid.NewGuid().ToString("N")),
        };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>()) settings[key] = value;

        var app = DeepWorkMapApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            customize?.Invoke(builder);
        });
        await DeepWorkMapApp.PrepareAsync(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningServer(app, new Uri(address), siloPort);
    }

    /// <summary>Cluster-mode settings on the given database (localhost membership unless Redis is added).</summary>
    public static Dictionary<string, string?> Durable(TestDatabase database, string clusterId = "test") => new()
    {
        ["ConnectionStrings:Postgres"] = database.ConnectionString,
        ["Jwt:SigningKey"] = TestEnvironment.JwtKey,
        ["Orleans:ClusterId"] = clusterId,
        // Required in cluster mode; the port is not known before the server starts, and links are not followed.
        ["Web:PublicBaseUrl"] = PublicBaseUrl,
    };

    /// <summary>Settings that send mail to <paramref name="smtp"/> (smtp4dev, no TLS) and require verified addresses.</summary>
    public static Dictionary<string, string?> WithMail(Dictionary<string, string?> settings, Smtp4Dev smtp)
    {
        settings["Email:Smtp:Host"] = smtp.Host;
        settings["Email:Smtp:Port"] = smtp.Port.ToString();
        settings["Email:Smtp:TlsMode"] = "None";
        settings["Email:From"] = "DeepWork Map <no-reply@deepwork.test>";
        settings["Email:RequireVerification"] = "true";
        return settings;
    }

    /// <summary>Where the cluster-mode test servers say users reach them.</summary>
    public const string PublicBaseUrl = "https://deepwork.test/";

    /// <summary>Cluster-mode settings with Redis membership: servers started with the same ones form one cluster.</summary>
    public static Dictionary<string, string?> OnRedis(TestDatabase database, string clusterId)
    {
        var settings = Durable(database, clusterId);
        settings["ConnectionStrings:Redis"] = TestEnvironment.Redis;
        return settings;
    }

    /// <summary>Waits until every one of the servers' silos sees all of them as active.</summary>
    public static Task WaitForOneClusterAsync(params RunningServer[] servers) =>
        Eventually.HoldsAsync(async () =>
        {
            foreach (var server in servers)
            {
                var hosts = await server.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(true);
                if (hosts.Count != servers.Length) return false;
            }
            return true;
        }, TimeSpan.FromSeconds(30), $"{servers.Length} silos in one cluster");

    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Registers a fresh user and returns a client that carries their token.</summary>
    public async Task<(HttpClient Client, AuthResult Auth)> SignUpAsync(string? username = null)
    {
        username ??= "u" + Guid.NewGuid().ToString("N")[..12];
        using var anonymous = CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/auth/register",
            new { email = $"{username}@example.com", username, displayName = $"User {username}", password = "correct horse battery" });
        response.EnsureSuccessStatusCode();
        var auth = (await response.Content.ReadFromJsonAsync<AuthResult>())!;
        return (CreateClient(auth.Token), auth);
    }

    /// <summary>Signs a user made by <see cref="SignUpAsync"/> in again: a fresh token (after the clock moved past the old one's life).</summary>
    public async Task<(HttpClient Client, AuthResult Auth)> LogInAsync(string username)
    {
        using var anonymous = CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/auth/login", new { login = username, password = "correct horse battery" });
        response.EnsureSuccessStatusCode();
        var auth = (await response.Content.ReadFromJsonAsync<AuthResult>())!;
        return (CreateClient(auth.Token), auth);
    }

    /// <summary>A started SignalR connection to the hub, authenticated as docs/api.md allows WebSockets to be.</summary>
    public async Task<HubConnection> ConnectHubAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hubs/deepwork"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Creates a session starting now-ish (so it is live soon) and answers it.</summary>
    public static async Task<SessionDto> CreateSessionAsync(HttpClient host, double latitude = 52.52, double longitude = 13.405, int maxParticipants = 30, int startInMinutes = 10)
    {
        var response = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Thermodynamics", subject = "Physics", sessionType = "discussion", latitude, longitude,
            startTime = DateTimeOffset.UtcNow.AddMinutes(startInMinutes).ToString("O"), durationMinutes = 90, maxParticipants,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SessionDto>())!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
