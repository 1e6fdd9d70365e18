using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Grains;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Chat;

/// <summary>
/// A token bucket per user, shared by the REST endpoint and the hub, and by every front door: it lives in the
/// user's account grain, so a flood spread over sessions or silos meets one budget. The default (a burst of
/// 20, then 5 a second) never stops a person typing fast and stops a flood within a second.
/// A front door takes a few tokens at a time (<see cref="LeaseSize"/>) and spends them itself, so a busy chat
/// costs a grain call per few messages, not per message. Tokens only ever come from the grain's bucket, so
/// leases never let more through than the budget; a lease not spent within <see cref="LeaseLifetime"/> is dropped.
/// </summary>
public sealed class ChatRateLimiter(IGrainFactory grains, IOptions<ChatLimits> options, Clock clock) : IDisposable
{
    public const int LeaseSize = 5;
    public static readonly TimeSpan LeaseLifetime = TimeSpan.FromSeconds(10);

    /// <summary>Leases of users who chatted here lately; a quiet user's is forgotten.</summary>
    private readonly MemoryCache _leases = new(new MemoryCacheOptions { SizeLimit = 1_000_000 });

    public async Task<bool> TryAcquireAsync(Guid userId)
    {
        var lease = _leases.GetOrCreate(userId, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromMinutes(1);
            return new Lease();
        })!;
        var now = clock.GetUtcNow();
        lock (lease)
        {
            if (lease.Left > 0 && now < lease.Until)
            {
                lease.Left--;
                return true;
            }
        }
        var limits = options.Value;
        var taken = await grains.GetGrain<IAccountGrain>(userId).TakeChatTokens(LeaseSize, limits.ChatBurst, limits.ChatMessagesPerSecond);
        if (taken == 0) return false;
        lock (lease)
        {
            lease.Left = taken - 1;
            lease.Until = now + LeaseLifetime;
        }
        return true;
    }

    public void Dispose() => _leases.Dispose();

    private sealed class Lease
    {
        public int Left;
        public DateTimeOffset Until;
    }
}
