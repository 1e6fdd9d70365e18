using DeepWorkMap.Server.Persistence;
using Orleans.Clustering.Redis;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// Orleans' Redis clustering (a silo's membership table, a front door's gateway list) on the process's one
/// <see cref="RedisConnection"/> instead of a multiplexer of its own: one connect at start instead of two. Marked shared,
/// so Orleans leaves it open when the silo or client stops; the container disposes it last.
/// </summary>
public static class SharedRedisMembership
{
    public static void Use(IServiceCollection services) =>
        services.AddOptions<RedisClusteringOptions>().Configure<RedisConnection>((options, connection) =>
            options.CreateMultiplexer = async _ => (await connection.Multiplexer, IsShared: true));
}
