namespace DeepWorkMap.Server.Persistence;

/// <summary>
/// What the stores stand on: the one PostgreSQL data source when a connection string is given (cluster mode), and the one
/// Redis connection when the cluster has Redis (membership's too: <see cref="RedisConnection"/>). Each feature registers its own stores on them (its <c>AddXStores</c>):
/// PostgreSQL when durable, else memory (embedded mode).
/// </summary>
public static class PersistenceSetup
{
    public static IServiceCollection AddPersistence(this IServiceCollection services, string? postgres, string? redis = null)
    {
        // Made by a factory, not given as an instance, so the container disposes it at shutdown.
        if (redis is not null) services.AddSingleton(_ => new RedisConnection(redis));
        if (postgres is not null) services.AddSingleton(_ => PostgresDataSource.Create(postgres));
        return services;
    }
}
