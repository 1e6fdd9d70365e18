using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Chat;

/// <summary>
/// A token bucket per user and session, shared by the REST endpoint and the hub. The default budget
/// (a burst of 20, then 5 a second) never stops a person typing fast and stops a flood within a second.
/// </summary>
public sealed class ChatRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<(Guid User, Guid Session)> _limiter;

    public ChatRateLimiter(IOptions<ChatLimits> options)
    {
        var burst = options.Value.ChatBurst;
        var perSecond = options.Value.ChatMessagesPerSecond;
        _limiter = PartitionedRateLimiter.Create<(Guid User, Guid Session), (Guid, Guid)>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public bool TryAcquire(Guid userId, Guid sessionId)
    {
        using var lease = _limiter.AttemptAcquire((userId, sessionId));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
