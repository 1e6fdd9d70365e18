using DeepWorkMap.Grains.Accounts;
using DeepWorkMap.Server.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DeepWorkMap.Server.Identity;

/// <summary>Identity: the user store, naming users in what is shown, bearer tokens, and the open-account check on every request.</summary>
public static class IdentitySetup
{
    public static IServiceCollection AddIdentity(this IServiceCollection services, DeploymentSettings settings)
    {
        services.AddIdentityStores(settings.IsDurable);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<AccountGrains>();
        services.AddSingleton<AccountGuard>();
        services.AddBearerTokens(settings);
        return services;
    }

    public static IServiceCollection AddIdentityStores(this IServiceCollection services, bool durable)
    {
        if (durable)
        {
            services.AddSingleton<PostgresUserStore>();
            services.AddSingleton<IUserStore>(provider => provider.GetRequiredService<PostgresUserStore>());
            services.AddSingleton<IAccountStanding>(provider => provider.GetRequiredService<PostgresUserStore>());
        }
        else
        {
            services.AddSingleton<InMemoryUserStore>();
            services.AddSingleton<IUserStore>(provider => provider.GetRequiredService<InMemoryUserStore>());
            services.AddSingleton<IAccountStanding>(provider => provider.GetRequiredService<InMemoryUserStore>());
        }
        return services;
    }
}
