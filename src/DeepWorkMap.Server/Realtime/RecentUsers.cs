using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Accounts;
using DeepWorkMap.Server.Sessions;
using Microsoft.Extensions.Caching.Memory;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// The users named in what the relays push (a session's host, who joined), remembered for a few seconds.
/// A busy live map pushes one change per seat taken to every front door watching it; without this, each
/// push cost a users query, and the map's one outbox waited on it. A rename reaches pushes from this front
/// door at once (<see cref="Forget"/>) and from the others within <see cref="Lifetime"/>; REST reads the store.
/// </summary>
public sealed class RecentUsers(IUserStore users) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private const int MaxRemembered = 100_000;

    private readonly MemoryCache _remembered = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });

    /// <summary>The user as pushes show them; an account that no longer exists shows as an unknown user.</summary>
    public async ValueTask<UserDto> FindAsync(Guid id)
    {
        if (_remembered.TryGetValue(id, out UserDto? known)) return known!;
        if ((await users.FindByIdAsync(id))?.ToDto() is not { } found) return SessionViews.UnknownUser(id);
        _remembered.Set(id, found, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return found;
    }

    public void Forget(Guid id) => _remembered.Remove(id);

    public void Dispose() => _remembered.Dispose();
}
