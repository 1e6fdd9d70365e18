using DeepWorkMap.Grains;
using DeepWorkMap.Server;
using DeepWorkMap.Server.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Benchmarks;

/// <summary>The real server (front door + silo) in this process, in cluster mode on the benchmark database.</summary>
public sealed class BenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _app.Services;

    public static async Task<BenchServer> StartAsync(string? postgres, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = ServerProcess.FreePort().ToString(),
            ["Orleans:GatewayPort"] = ServerProcess.FreePort().ToString(),
            ["Jwt:SigningKey"] = "benchmark-signing-key-0123456789abcdef-0123456789",
            // A run's clients keep their first token; access tokens live minutes by default.
            ["Jwt:TokenLifetimeMinutes"] = "720",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
            ["Accounts:LoginAttemptsPerAddressPerMinute"] = "1000000",
            // Every benchmark client comes from loopback: the per-address cap on anonymous searches would refuse them.
            ["Sessions:AnonymousSearchesPerAddressPerMinute"] = "0",
            // A few benchmark users search and watch far more than a person would.
            ["Sessions:SearchesPerUserPerMinute"] = "0",
            ["Realtime:MapWatchesPerConnectionPerMinute"] = "0",
        };
        if (postgres is not null) settings["ConnectionStrings:Postgres"] = postgres;
        // Required in cluster mode; benchmarks follow no absolute link.
        settings["Web:PublicBaseUrl"] = "http://127.0.0.1/";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        var app = DeepWorkMapApp.Build(["--urls", "http://127.0.0.1:0"], builder => builder.Configuration.AddInMemoryCollection(settings));
        await DeepWorkMapApp.PrepareAsync(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchServer(app, new Uri(address));
    }

    /// <summary>
    /// A user in the store and a token for it. The token is minted directly: hashing thousands of passwords
    /// through sign-up would dominate a benchmark's set-up.
    /// </summary>
    public async Task<(Guid UserId, string Token)> AddUserAsync(string username)
    {
        var now = Services.GetRequiredService<Clock>().GetUtcNow();
        var account = new UserAccount(Guid.NewGuid(), $"{username}@example.com", username, username, "not-a-hash", null, now, now);
        await Services.GetRequiredService<IUserStore>().CreateAsync(account);
        return (account.Id, Services.GetRequiredService<TokenIssuer>().Issue(account, deviceId: Guid.NewGuid()).Token);
    }


    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
