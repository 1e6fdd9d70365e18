using DeepWorkMap.Server.Identity;
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
/// leases never let more through than the budget; a lease not spent within <see cref="LeaseLifetime"/> is dropped
/// (a user moving between front doors may then be limited a little sooner).
/// </summary>
public sealed class ChatRateLimiter(AccountGrains accounts, IOptions<ChatLimits> options, Clock clock) : IDisposable
{
    public const int LeaseSize = 5;
    public static readonly TimeSpan LeaseLifetime = TimeSpan.FromSeconds(10);

    /// <summary>Leases of users who chatted here lately; a quiet user's is forgotten.</summary>
    private readonly MemoryCache _leases = new(new MemoryCacheOptions { SizeLimit = 1_000_000 });
    private readonly Lock _leasesGate = new();

    public async Task<bool> TryAcquireAsync(Guid userId)
    {
        var lease = LeaseOf(userId);
        while (true)
        {
            Task<int> refill;
            TaskCompletionSource<int>? mine = null;
            lock (lease)
            {
                if (clock.GetUtcNow() >= lease.Until) lease.Left = 0;
                if (lease.Left > 0)
                {
                    lease.Left--;
                    return true;
                }
                // One refill at a time per user here: concurrent sends wait for it and share what it brings,
                // so every token taken from the grain is spent, and the budget holds exactly.
                if (lease.Refill is null)
                {
                    mine = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                    lease.Refill = mine.Task;
                }
                refill = lease.Refill;
            }
            if (mine is not null) await RefillAsync(userId, lease, mine);
            if (await refill == 0) return false;
        }
    }

    /// <summary>The user's one lease here: made under a lock, because two leases for one user would strand tokens.</summary>
    private Lease LeaseOf(Guid userId)
    {
        if (_leases.TryGetValue(userId, out Lease? known)) return known!;
        lock (_leasesGate)
        {
            if (_leases.TryGetValue(userId, out known)) return known!;
            return _leases.Set(userId, new Lease(), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(1) });
        }
    }

    private async Task RefillAsync(Guid userId, Lease lease, TaskCompletionSource<int> done)
    {
        var taken = 0;
        try
        {
            var limits = options.Value;
            taken = await accounts.Get(userId).TakeChatTokens(LeaseSize, limits.Burst, limits.MessagesPerSecond);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            lock (lease) lease.Refill = null;
            done.SetException(e);
            return;
        }
        lock (lease)
        {
            if (taken > 0)
            {
                lease.Left += taken;
                lease.Until = clock.GetUtcNow() + LeaseLifetime;
            }
            lease.Refill = null;
        }
        done.SetResult(taken);
    }

    public void Dispose() => _leases.Dispose();

    private sealed class Lease
    {
        public int Left;
        public DateTimeOffset Until;
        public Task<int>? Refill;
    }
}
