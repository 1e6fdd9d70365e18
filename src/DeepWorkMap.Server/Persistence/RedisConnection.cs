using StackExchange.Redis;

namespace DeepWorkMap.Server.Persistence;

/// <summary>
/// The process's one connection to Redis: cluster membership (Orleans' Redis clustering, <see cref="SharedRedisMembership"/>),
/// login failures, familiar networks and the readiness check all use it. One multiplexer is one handshake at start and one
/// set of sockets; a second one cost a cluster-mode start a connect inside its first <c>/health/ready</c>. Connected at the
/// first use, and it keeps reconnecting on its own if Redis is away then (no abort on a failed first connect). The container
/// disposes it at shutdown, after the silo has written its last membership row.
/// </summary>
public sealed class RedisConnection(string connectionString) : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> multiplexer = new(() => ConnectAsync(connectionString));

    /// <summary>The multiplexer, connected (or connecting) once for the whole process.</summary>
    public Task<IConnectionMultiplexer> Multiplexer => multiplexer.Value;

    public async Task<IDatabase> DatabaseAsync() => (await Multiplexer).GetDatabase();

    public async ValueTask DisposeAsync()
    {
        if (multiplexer.IsValueCreated) await (await multiplexer.Value).DisposeAsync();
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }
}
