using DeepWorkMap.Grains.Accounts;
using DeepWorkMap.Grains.Chat;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Server.Accounts;
using DeepWorkMap.Server.Chat;
using DeepWorkMap.Server.Sessions;

namespace DeepWorkMap.Server.Persistence;

/// <summary>
/// The app's stores behind their interfaces: PostgreSQL when a connection string is given (cluster mode), else
/// memory (embedded mode). One wiring, used by the app's silo and by the test clusters.
/// </summary>
public static class Stores
{
    public static IServiceCollection AddStores(this IServiceCollection services, string? postgres)
    {
        if (postgres is not null)
        {
            services.AddSingleton(_ => PostgresDataSource.Create(postgres));
            services.AddSingleton<PostgresUserStore>();
            services.AddSingleton<IUserStore>(provider => provider.GetRequiredService<PostgresUserStore>());
            services.AddSingleton<IAccountStanding>(provider => provider.GetRequiredService<PostgresUserStore>());
            services.AddSingleton<ISessionCatalog, PostgresSessionCatalog>();
            services.AddSingleton<IChatLog, PostgresChatLog>();
        }
        else
        {
            services.AddSingleton<InMemoryUserStore>();
            services.AddSingleton<IUserStore>(provider => provider.GetRequiredService<InMemoryUserStore>());
            services.AddSingleton<IAccountStanding>(provider => provider.GetRequiredService<InMemoryUserStore>());
            services.AddSingleton<ISessionCatalog, InMemorySessionCatalog>();
            services.AddSingleton<IChatLog, InMemoryChatLog>();
        }
        return services;
    }
}
