using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Server.Accounts;
using DeepWorkMap.Server.Chat;
using DeepWorkMap.Server.Email;
using DeepWorkMap.Server.Health;
using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Calendar;
using DeepWorkMap.Server.Identity;
using DeepWorkMap.Server.Moderation;
using DeepWorkMap.Server.Notifications;
using DeepWorkMap.Server.Persistence;
using DeepWorkMap.Server.Push;
using DeepWorkMap.Server.Series;
using DeepWorkMap.Server.Realtime;
using DeepWorkMap.Server.Sessions;
using DeepWorkMap.Server.Stats;
using DeepWorkMap.Server.Telemetry;
using DeepWorkMap.Server.Web;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Scalar.AspNetCore;

namespace DeepWorkMap.Server;

/// <summary>
/// Builds the app feature by feature: a front door and its co-hosted silo, or one of the two (<see cref="HostRoles"/>).
/// Program.cs runs it, tests start it on loopback.
/// </summary>
public static partial class DeepWorkMapApp
{
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        // appsettings.json and the page's files are beside the assembly: found (and logging configured) from
        // whatever directory the process starts in.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        // Request lines (which carry tokens) and hub refusals are never logged, whatever level is configured.
        // Failures are logged by ApiExceptionHandler and HubErrorFilter.
        builder.Logging.AddLogFloors().AddConsoleTimes();
        customize?.Invoke(builder);
        var settings = DeploymentSettings.From(builder.Configuration);

        if (settings.HostsGrains) builder.UseOrleans(silo => SiloSetup.Configure(silo, settings));
        else builder.UseOrleansClient(client => ClientSetup.Configure(client, settings));
        builder.Services
            .AddSingleton(settings)
            .AddPersistence(settings.PostgresConnectionString, settings.RedisConnectionString)
            .AddApiConventions()
            .AddTrustedProxies()
            .AddEmail(settings)
            .AddIdentity(settings)
            .AddAccounts(settings)
            .AddSessions(settings)
            .AddNotifications(settings)
            .AddPush(settings)
            .AddStats(settings)
            .AddSeries()
            .AddCalendar()
            .AddChat(settings)
            .AddRealtime(settings)
            .AddModeration(settings)
            .AddHealth(settings)
            .AddDrain()
            .AddTelemetry(builder.Configuration, settings)
            .AddApiDocument()
            .AddWeb(settings);
        builder.Services.TryAddSingleton(Clock.System);

        builder.ListenForOperations(settings);
        // No request of this API is larger than a chat message; anything much larger is refused unread (413).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        var app = builder.Build();
        app.UseOperations();
        app.UseTrustedProxies();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // A silo of a split topology serves no page: its API is not there for the page to call.
        if (settings.ServesClients) app.UseWebPage();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealth();
        app.Lifetime.ApplicationStarted.Register(() => AnnounceMode(app.Logger, settings));
        // A silo of a split topology serves its health only.
        if (!settings.ServesClients) return app;
        app.MapAccounts();
        app.MapSessions();
        app.MapFocusRoom();
        app.MapSeries();
        app.MapNotifications();
        app.MapPush();
        app.MapStats();
        app.MapFollows();
        app.MapCalendar();
        app.MapChat();
        app.MapRealtime();
        app.MapModeration();
        app.MapWebPage();
        // The contract as OpenAPI (/openapi/v1.json) and a browsable reference of it (/scalar).
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }

    /// <summary>Migrates the database before anything (the silo's storage provider included) touches it.</summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        var settings = app.Services.GetRequiredService<DeploymentSettings>();
        // The silos own the schema; a front door of a split topology starts once they are up.
        if (!settings.IsDurable || !settings.HostsGrains) return;
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var migrations = new SchemaMigrations(dataSource);
        if (settings.ApplySchemaOnStartup)
        {
            await migrations.UpgradeAsync();
        }
        else
        {
            var pending = await migrations.PendingAsync();
            if (pending.Count > 0)
                throw new InvalidOperationException(
                    $"The PostgreSQL schema is behind: {pending.Count} migration(s) not applied ({string.Join(", ", pending)}). Apply them with " +
                    "`scripts/migrate.sh \"Host=…;Username=…;Password=…;Database=…\"` or start once with Database__ApplySchemaOnStartup=true.");
        }
        // Before the silo starts: map tiles rebuild from the catalog, so its rows must hold the positions they will show.
        var repositioned = await new PublicPositionRefresher(dataSource, app.Services.GetRequiredService<IPublicPositionKeyStore>()).RefreshAsync();
        if (repositioned > 0) LogPublicPositionsRefreshed(app.Logger, repositioned);
        var refreshed = await new TileKeyRefresher(dataSource).RefreshAsync();
        if (refreshed > 0) LogTileKeysRefreshed(app.Logger, refreshed);
    }

    /// <summary>Only the migrations: what <c>scripts/migrate.sh</c> runs.</summary>
    public static async Task MigrateAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var postgres = DeploymentSettings.PostgresOf(configuration)
            ?? throw new InvalidOperationException("Set ConnectionStrings:Postgres (e.g. ConnectionStrings__Postgres=\"Host=…;Database=…\").");
        await using var dataSource = PostgresDataSource.Create(postgres);
        var applied = await new SchemaMigrations(dataSource).UpgradeAsync();
        Console.WriteLine(applied.Count == 0 ? "The schema is current." : $"Applied: {string.Join(", ", applied)}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gave {Count} unfinished sessions their cell's public position")]
    private static partial void LogPublicPositionsRefreshed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-keyed {Count} active sessions to the current map tile grid")]
    private static partial void LogTileKeysRefreshed(ILogger logger, int count);

    private static void AnnounceMode(ILogger logger, DeploymentSettings settings)
    {
        if (settings.IsDurable)
            LogClusterMode(logger, HostRoles.NameOf(settings.Role), settings.Silo.ClusterId, settings.RedisConnectionString is null ? "localhost" : "Redis");
        else
            LogEmbeddedMode(logger);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "EMBEDDED MODE: one silo, in-memory grain storage and stores. NOTHING IS DURABLE: every account, session and " +
        "message is lost when this process stops, and tokens are signed with a random per-process key. " +
        "Set ConnectionStrings:Postgres (and ConnectionStrings:Redis for several silos) for cluster mode.")]
    private static partial void LogEmbeddedMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster mode ({Role}): cluster {ClusterId}, durable PostgreSQL storage, {Membership} membership.")]
    private static partial void LogClusterMode(ILogger logger, string role, string clusterId, string membership);
}
