using Microsoft.AspNetCore.RateLimiting;
using DeepWorkMap.Contracts;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Accounts;
using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>Accounts: signing up and in, password hashing, login throttles, mailed links, devices and blocks.</summary>
public static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, DeploymentSettings deployment)
    {
        services.AddAccountStores(deployment.IsDurable, shared: deployment.RedisConnectionString is not null);
        services.AddValidatedOptions<AccountLimits>(AccountLimits.Section);

        services.AddSingleton<DeviceSignIns>();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddSingleton<LoginBackoff>();
        services.AddSingleton<LoginDevices>();
        services.AddSingleton<AccountRegistration>();
        services.AddSingleton<PasswordLogin>();
        services.AddSingleton<AccountClosing>();
        services.AddSingleton<PasswordChanges>();
        services.AddSingleton<AccountDataExport>();
        services.AddSingleton<OwnAccount>();
        services.AddSingleton<UserProfiles>();
        services.AddSingleton<EmailVerification>();
        services.AddSingleton<EmailChanges>();
        services.AddSingleton<EmailChangeUndo>();
        services.AddSingleton<Blocks>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AccountMails>();
        services.AddSingleton<AccountLinks>();
        services.AddSingleton<PasswordResetRequests>();
        services.AddHostedService(provider => provider.GetRequiredService<PasswordResetRequests>());

        services.Configure<RateLimiterOptions>(options =>
        {
            options.AddFixedWindowPolicy<AccountLimits>(AccountEndpoints.LoginRateLimitPolicy, RateLimits.AddressOf,
                limits => limits.LoginAttemptsPerAddressPerMinute, TimeSpan.FromMinutes(1));
            options.AddFixedWindowPolicy<AccountLimits>(AccountEndpoints.SignupRateLimitPolicy, RateLimits.AddressOf,
                limits => limits.SignupsPerAddressPerHour, TimeSpan.FromHours(1));
            options.AddFixedWindowPolicy<AccountLimits>(AccountEmailEndpoints.PasswordResetRateLimitPolicy, RateLimits.AddressOf,
                limits => limits.PasswordResetsPerAddressPerHour, TimeSpan.FromHours(1));
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
