using System.Collections.Concurrent;
using DeepWorkMap.Contracts.Api;
using Microsoft.Extensions.Caching.Memory;

namespace DeepWorkMap.Server.Identity;

/// <summary>
/// The one place that names users for everything the API and the hub show: a session's host, a participant,
/// a chat message's author. Every path shows the user's current name: messages carry only their author's id,
/// and are named when they are shown.
/// Names are remembered, because a busy chat or live map would otherwise cost a users query per push, and a
/// push waits for its name. A name older than <see cref="Lifetime"/> is still shown once while it is read
/// again in the background (with every other stale name, in one query), so a relay never waits on the database for a
/// user it has named before. A rename
/// shows at once on the front door that took it (<see cref="Forget"/>) and on the others within
/// <see cref="Lifetime"/> and one more read.
/// </summary>
public sealed class UserDirectory(IUserStore users, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    /// <summary>A user nobody here has asked for in this long is dropped rather than refreshed.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private const int MaxRemembered = 100_000;

    private static readonly TimeSpan BatchWait = TimeSpan.FromMilliseconds(50);
    private const int BatchSize = 1_000;

    private static readonly UserDto Unknown = new(Guid.Empty, "unknown", "Unknown user", null);

    private readonly MemoryCache _remembered = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });
    /// <summary>Users whose names went stale, waiting for the next batched read; 1 in <see cref="_batchScheduled"/> while one is on its way.</summary>
    private readonly ConcurrentDictionary<Guid, byte> _stale = new();
    private int _batchScheduled;

    /// <summary>
    /// Users a batch is reading now. Their names stay stale until it answers, and the lookups meanwhile (a chat's
    /// relay names its author for every message) must not queue them for a second read.
    /// </summary>
    private readonly ConcurrentDictionary<Guid, byte> _reading = new();

    /// <summary>How a user id whose account no longer exists is shown.</summary>
    public static UserDto UnknownUser(Guid id) => Unknown with { Id = id };

    public async ValueTask<UserDto> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (_remembered.TryGetValue(id, out Named? known))
        {
            if (time.GetUtcNow() >= known!.FreshUntil) RefreshInBackground(id);
            return known.User;
        }
        return await ReadAsync(id, cancellationToken);
    }

    /// <summary>Whether the account exists (an account removed from the store shows as <see cref="UnknownUser"/>).</summary>
    public async ValueTask<bool> ExistsAsync(Guid id, CancellationToken cancellationToken = default) =>
        !IsUnknown(await FindAsync(id, cancellationToken));

    /// <summary>
    /// Whether <paramref name="user"/> is how an id without an account is shown: <see cref="UnknownUser"/>'s fields, compared
    /// without making one (every chat message asks, and the comparison made a <see cref="UserDto"/> each time).
    /// </summary>
    private static bool IsUnknown(UserDto user) =>
        user.Username == Unknown.Username && user.DisplayName == Unknown.DisplayName && user.AvatarUrl == Unknown.AvatarUrl;

    /// <summary>The users of <paramref name="ids"/> as they are shown, in the same order (whom someone follows or blocks).</summary>
    public async Task<IReadOnlyList<UserDto>> FindInOrderAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken = default)
    {
        var named = await FindManyAsync(ids, cancellationToken);
        return ids.Select(id => named[id]).ToList();
    }

    /// <summary>Each of <paramref name="ids"/> named, with one store query for all that are not remembered.</summary>
    public async Task<IReadOnlyDictionary<Guid, UserDto>> FindManyAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default)
    {
        var named = new Dictionary<Guid, UserDto>();
        var missing = new List<Guid>();
        foreach (var id in ids.Distinct())
        {
            if (_remembered.TryGetValue(id, out Named? known))
            {
                if (time.GetUtcNow() >= known!.FreshUntil) RefreshInBackground(id);
                named[id] = known.User;
            }
            else missing.Add(id);
        }
        if (missing.Count == 0) return named;
        var found = await users.FindManyAsync(missing, cancellationToken);
        foreach (var id in missing)
            named[id] = found.TryGetValue(id, out var account) ? Remember(account.ToDto()) : Forgotten(id);
        return named;
    }

    /// <summary>Drops what this front door remembers of a user whose profile just changed.</summary>
    public void Forget(Guid id) => _remembered.Remove(id);

    public void Dispose() => _remembered.Dispose();

    private async Task<UserDto> ReadAsync(Guid id, CancellationToken cancellationToken) =>
        (await users.FindByIdAsync(id, cancellationToken))?.ToDto() is { } found ? Remember(found) : Forgotten(id);

    /// <summary>
    /// Queues a stale user for the next batched read. A busy front door names thousands of users, and reading each
    /// one again on its own every <see cref="Lifetime"/> was the largest database load of a chat at 2,000 messages a
    /// second (docs/benchmarks.md): a batch reads every user that went stale meanwhile in one query.
    /// </summary>
    private void RefreshInBackground(Guid id)
    {
        if (_reading.ContainsKey(id) || !_stale.TryAdd(id, 0)) return;
        if (Interlocked.CompareExchange(ref _batchScheduled, 1, 0) == 0) _ = RefreshStaleAsync();
    }

    /// <summary>After a short wait that gathers the users going stale together, reads them all; a failed read leaves the old names until they are asked for again.</summary>
    private async Task RefreshStaleAsync()
    {
        await Task.Delay(BatchWait);
        // Reopened before the batch is taken: a user queued from here on is either in this batch or starts the next.
        Volatile.Write(ref _batchScheduled, 0);
        // Each is marked as being read before it leaves the queue, so no lookup in between queues it again; a mark
        // whose user another batch took is taken back at once (that batch's read clears it too), so none stays.
        var ids = new List<Guid>();
        foreach (var id in _stale.Keys)
        {
            var marked = _reading.TryAdd(id, 0);
            if (_stale.TryRemove(id, out _)) ids.Add(id);
            else if (marked) _reading.TryRemove(id, out _);
        }
        foreach (var chunk in ids.Chunk(BatchSize))
        {
            try
            {
                var found = await users.FindManyAsync(chunk, CancellationToken.None);
                foreach (var id in chunk)
                    if (found.TryGetValue(id, out var account)) Remember(account.ToDto());
                    else Forgotten(id);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The stale names stay; the next lookup queues them again.
            }
            finally
            {
                foreach (var id in chunk) _reading.TryRemove(id, out _);
            }
        }
    }

    private UserDto Remember(UserDto user)
    {
        _remembered.Set(user.Id, new Named(user, time.GetUtcNow() + Lifetime),
            new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });
        return user;
    }

    /// <summary>An account that no longer exists is not remembered: it may not come back, and a removal must show.</summary>
    private UserDto Forgotten(Guid id)
    {
        _remembered.Remove(id);
        return UnknownUser(id);
    }

    private sealed record Named(UserDto User, DateTimeOffset FreshUntil);
}
