using System.Text;
using Microsoft.AspNetCore.RateLimiting;
using DeepWorkMap.Contracts;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Accounts;
using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>Accounts: bearer tokens, password hashing, login throttles and the user directory.</summary>
public static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, DeploymentSettings deployment)
    {
        services.AddAccountStores(deployment.IsDurable, shared: deployment.RedisConnectionString is not null);
        services.AddValidatedOptions<JwtOptions>(JwtOptions.Section)
            .Validate(jwt => !deployment.IsDurable || !string.IsNullOrEmpty(jwt.SigningKey),
                $"Jwt:SigningKey is required in cluster mode (at least {JwtSettings.MinimumKeyBytes} bytes, identical on every silo). " +
                "Set it, e.g. with the environment variable Jwt__SigningKey.")
            .Validate(jwt => string.IsNullOrEmpty(jwt.SigningKey) || Encoding.UTF8.GetByteCount(jwt.SigningKey) >= JwtSettings.MinimumKeyBytes,
                $"Jwt:SigningKey must be at least {JwtSettings.MinimumKeyBytes} bytes.");
        services.AddValidatedOptions<AccountLimits>(AccountLimits.Section);

        services.AddSingleton(provider => JwtSettings.From(provider.GetRequiredService<IOptions<JwtOptions>>().Value));
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<DeviceSignIns>();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddSingleton<LoginBackoff>();
        services.AddSingleton<LoginDevices>();
        services.AddSingleton<AccountRegistration>();
        services.AddSingleton<PasswordLogin>();
        services.AddSingleton<AccountClosing>();
        services.AddSingleton<AccountDataExport>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AccountMails>();
        services.AddSingleton<AccountLinks>();
        services.AddSingleton<PasswordResetRequests>();
        services.AddHostedService(provider => provider.GetRequiredService<PasswordResetRequests>());

        services.AddAuthorization();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.Events = new JwtBearerEvents
            {
                // The hub's WebSocket cannot send headers: docs/api.md lets it pass the token as ?access_token=.
                OnMessageReceived = context =>
                {
                    var token = context.Request.Query["access_token"];
                    if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                        context.Token = token;
                    return Task.CompletedTask;
                },
                // A valid signature is not enough: the account must still be open, as its grain says on every silo.
                OnTokenValidated = async context =>
                {
                    // …the token must be younger than the last sign-out everywhere (a password reset), and its device still signed in.
                    if (CurrentUser.IdOf(context.Principal!) is not { } userId
                        || !await context.HttpContext.RequestServices.GetRequiredService<AccountGuard>().AcceptsAsync(
                            userId, TokenIssuer.IssuedAt(context.Principal!, context.SecurityToken.ValidFrom), TokenIssuer.DeviceOf(context.Principal!)))
                        context.Fail("The account of this token is closed, or the token was signed out.");
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await ApiProblem.Unauthorized().ExecuteAsync(context.HttpContext);
                },
            };
        });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<JwtSettings, Clock>((options, jwt, clock) =>
        {
            options.TokenValidationParameters = jwt.ValidationParameters();
            options.TokenValidationParameters.LifetimeValidator = jwt.LifetimeValidator(clock);
        });

        services.Configure<RateLimiterOptions>(options =>
        {
            options.AddFixedWindowPolicy(AccountEndpoints.LoginRateLimitPolicy, RateLimits.AddressOf,
                http => http.RequestServices.GetRequiredService<IOptions<AccountLimits>>().Value.LoginAttemptsPerAddressPerMinute, TimeSpan.FromMinutes(1));
            options.AddFixedWindowPolicy(AccountEndpoints.SignupRateLimitPolicy, RateLimits.AddressOf,
                http => http.RequestServices.GetRequiredService<IOptions<AccountLimits>>().Value.SignupsPerAddressPerHour, TimeSpan.FromHours(1));
            options.AddFixedWindowPolicy(AccountEmailEndpoints.PasswordResetRateLimitPolicy, RateLimits.AddressOf,
                http => http.RequestServices.GetRequiredService<IOptions<AccountLimits>>().Value.PasswordResetsPerAddressPerHour, TimeSpan.FromHours(1));
        });
        return services;
    }

    /// <summary>
    /// Blocks, mailed tokens and devices in PostgreSQL when durable; failed logins and familiar networks in Redis when the
    /// cluster has it (every front door must see the same counts), else in memory.
    /// </summary>
    public static IServiceCollection AddAccountStores(this IServiceCollection services, bool durable, bool shared)
    {
        if (shared)
        {
            services.AddSingleton<ILoginFailures, RedisLoginFailures>();
            services.AddSingleton<IFamiliarNetworks, RedisFamiliarNetworks>();
        }
        else
        {
            services.AddSingleton<ILoginFailures, InMemoryLoginFailures>();
            services.AddSingleton<IFamiliarNetworks, InMemoryFamiliarNetworks>();
        }
        if (durable)
        {
            services.AddSingleton<IBlockStore, PostgresBlockStore>();
            services.AddSingleton<IAccountTokenStore, PostgresAccountTokenStore>();
            services.AddSingleton<IDeviceStore, PostgresDeviceStore>();
        }
        else
        {
            services.AddSingleton<IBlockStore, InMemoryBlockStore>();
            services.AddSingleton<IAccountTokenStore, InMemoryAccountTokenStore>();
            services.AddSingleton<IDeviceStore, InMemoryDeviceStore>();
        }
        services.AddSingleton<IDeviceRevocations>(provider => provider.GetRequiredService<IDeviceStore>());
        return services;
    }
}
