using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace DeepWorkMap.Server.Health;

/// <summary>Pings the Redis that holds cluster membership, over a connection of its own.</summary>
public sealed class RedisHealthCheck(Lazy<Task<IConnectionMultiplexer>> connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var multiplexer = await connection.Value;
            var latency = await multiplexer.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer", e);
        }
    }
}
