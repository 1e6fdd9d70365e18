using System.Threading.RateLimiting;

namespace DeepWorkMap.Server.Http;

/// <summary>
/// A fixed window of <c>permits</c> per key (a user, a hub connection), counted on this front door; 0 permits: no limit.
/// For caps that ASP.NET Core's one-policy-per-endpoint rate limiting cannot stack, and for hub calls, which it does not
/// see. Idle keys are dropped by the partitioned limiter's own sweep.
/// </summary>
public sealed class KeyedRateLimit<TKey>(int permits, TimeSpan window) : IDisposable where TKey : notnull
{
    private readonly PartitionedRateLimiter<TKey> _limiter = PartitionedRateLimiter.Create<TKey, TKey>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));

    /// <summary>Takes one permit for the key, if one is left in its window.</summary>
    public bool TryTake(TKey key)
    {
        if (permits <= 0) return true;
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
