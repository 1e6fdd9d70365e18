using System.Threading.RateLimiting;
using DeepWorkMap.Server.Accounts;
using DeepWorkMap.Server.Chat;
using DeepWorkMap.Server.Realtime;
using DeepWorkMap.Server.Health;
using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Persistence;
using DeepWorkMap.Server.Sessions;
using DeepWorkMap.Server.Web;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Chat;
using DeepWorkMap.Grains.Sessions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;
using StackExchange.Redis;

namespace DeepWorkMap.Server;

/// <summary>Builds the front door and its co-hosted silo; Program.cs runs it, tests start it on loopback.</summary>
public static partial class DeepWorkMapApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        // The page's files are copied beside the assembly, so they are found however the host is started.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        // SignalR logs every HubException as an error with its stack; ours are refusals with a code, not
        // failures. HubErrorFilter logs the real failures itself.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical);
        customize?.Invoke(builder);
        var settings = DeploymentSettings.From(builder.Configuration);
        var services = builder.Services;

        builder.UseOrleans(silo => SiloSetup.Configure(silo, settings));
        services.AddSingleton(settings);
        services.TryAddSingleton(Clock.System);
        AddStores(services, settings);
        AddAuthentication(services, JwtSettings.From(builder.Configuration, requireConfiguredKey: settings.IsDurable));
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<Clock>((options, clock) => options.TokenValidationParameters.LifetimeValidator = JwtSettings.LifetimeValidator(clock));
        AddRateLimits(services, builder.Configuration);
        AddHealthChecks(services, settings);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Extensions.TryAdd("code", ErrorCodes.ForStatus(status));
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new UtcTimestampConverter()));
        AddRealtime(services);
        AddTelemetry(services, builder.Configuration);
        services.AddOpenApi();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebPage();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapAccountEndpoints();
        app.MapSessionEndpoints();
        app.MapChatEndpoints();
        app.MapWebPage();
        // The contract as OpenAPI (/openapi/v1.json) and a browsable reference of it (/scalar).
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHub<DeepWorkHub>(DeepWorkHub.Path).RequireAuthorization();
        app.MapFallback(() => ApiProblem.NotFound("That address"));

        app.Lifetime.ApplicationStarted.Register(() => AnnounceMode(app.Logger, settings));
        return app;
    }

    /// <summary>Prepares the database before anything (the silo's storage provider included) touches it.</summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        var settings = app.Services.GetRequiredService<DeploymentSettings>();
        if (!settings.IsDurable) return;
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var installer = new SchemaInstaller(dataSource);
        if (settings.ApplySchemaOnStartup)
        {
            await installer.ApplyAsync();
        }
        else
        {
            var missing = await installer.MissingTablesAsync();
            if (missing.Count > 0)
                throw new InvalidOperationException(
                    $"The PostgreSQL schema is missing ({string.Join(", ", missing)}). Apply it with " +
                    "`scripts/apply-schema.sh postgresql://USER:PASSWORD@HOST:PORT/DATABASE` or start once with Database__ApplySchemaOnStartup=true.");
        }
        var refreshed = await new TileKeyRefresher(dataSource).RefreshAsync();
        if (refreshed > 0) LogTileKeysRefreshed(app.Logger, refreshed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-keyed {Count} active sessions to the current map tile grid")]
    private static partial void LogTileKeysRefreshed(ILogger logger, int count);

    private static void AddStores(IServiceCollection services, DeploymentSettings settings)
    {
        if (settings.PostgresConnectionString is { } postgres)
        {
            services.AddSingleton(_ => PostgresDataSource.Create(postgres));
            services.AddSingleton<IUserStore, PostgresUserStore>();
            services.AddSingleton<ISessionCatalog, PostgresSessionCatalog>();
            services.AddSingleton<IChatLog, PostgresChatLog>();
        }
        else
        {
            services.AddSingleton<IUserStore, InMemoryUserStore>();
            services.AddSingleton<ISessionCatalog, InMemorySessionCatalog>();
            services.AddSingleton<IChatLog, InMemoryChatLog>();
        }
        services.AddSingleton<SessionViews>();
        services.AddSingleton<SessionGrains>();
        services.AddSingleton<DeepWorkMap.Grains.Geo.NearbySearch>();
        services.AddHostedService<SessionLifecycleSweeper>();
    }

    private static void AddRealtime(IServiceCollection services)
    {
        services.AddSingleton<ChatRateLimiter>();
        services.AddSingleton<SessionChat>();
        services.AddSingleton<RecentUsers>();
        services.AddSingleton<SessionRelay>();
        services.AddSingleton<AreaRelay>();
        services.AddHostedService<LiveRenewal>();
        services.AddSingleton<HubConnectionCloser>();
        services.AddSingleton<HubErrorFilter>();
        services.AddSignalR(options => options.AddFilter<HubErrorFilter>())
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new UtcTimestampConverter()));
    }

    /// <summary>
    /// OpenTelemetry metrics and traces, exported over OTLP when <c>OpenTelemetry:OtlpEndpoint</c> is set:
    /// ASP.NET Core's, Orleans' own meters and grain-call spans, and ours (<see cref="DeepWorkMetrics"/>).
    /// </summary>
    private static void AddTelemetry(IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration["OpenTelemetry:OtlpEndpoint"];
        if (string.IsNullOrWhiteSpace(endpoint)) return;
        var otlp = new Uri(endpoint);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OpenTelemetry:ServiceName"] ?? "deepwork-map"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.Orleans", "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Server.Kestrel", DeepWorkMetrics.MeterName)
                .AddOtlpExporter(options => options.Endpoint = otlp))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddOtlpExporter(options => options.Endpoint = otlp));
    }

    private static void AddAuthentication(IServiceCollection services, JwtSettings jwt)
    {
        services.AddSingleton(jwt);
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddSingleton<LoginThrottle>();
        services.AddAuthorization();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = jwt.ValidationParameters();
            options.Events = new JwtBearerEvents
            {
                // The hub's WebSocket cannot send headers: API.md lets it pass the token as ?access_token=.
                OnMessageReceived = context =>
                {
                    var token = context.Request.Query["access_token"];
                    if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                        context.Token = token;
                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await ApiProblem.Unauthorized().ExecuteAsync(context.HttpContext);
                },
            };
        });
    }

    private static void AddRateLimits(IServiceCollection services, IConfiguration configuration)
    {
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(AccountEndpoints.LoginRateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = configuration.GetValue("RateLimits:LoginAttemptsPerAddressPerMinute", 60),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            options.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await ApiProblem.Of(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Too many requests from this address; slow down.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }

    private static void AddHealthChecks(IServiceCollection services, DeploymentSettings settings)
    {
        var checks = services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);
        if (settings.IsDurable) checks.AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        if (settings.RedisConnectionString is { } redis)
        {
            services.AddSingleton(new Lazy<Task<IConnectionMultiplexer>>(async () =>
            {
                var options = ConfigurationOptions.Parse(redis);
                options.AbortOnConnectFail = false;
                return await ConnectionMultiplexer.ConnectAsync(options);
            }));
            checks.AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        }
    }

    private static void AnnounceMode(ILogger logger, DeploymentSettings settings)
    {
        if (settings.IsDurable)
            LogClusterMode(logger, settings.ClusterId, settings.RedisConnectionString is null ? "localhost" : "Redis");
        else
            LogEmbeddedMode(logger);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "EMBEDDED MODE: one silo, in-memory grain storage and stores. NOTHING IS DURABLE: every account, session and " +
        "message is lost when this process stops, and tokens are signed with a random per-process key. " +
        "Set ConnectionStrings:Postgres (and ConnectionStrings:Redis for several silos) for cluster mode.")]
    private static partial void LogEmbeddedMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster mode: cluster {ClusterId}, durable PostgreSQL storage, {Membership} membership.")]
    private static partial void LogClusterMode(ILogger logger, string clusterId, string membership);
}
