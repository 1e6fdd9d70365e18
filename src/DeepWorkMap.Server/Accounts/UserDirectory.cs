using DeepWorkMap.Contracts.Api;
using Microsoft.Extensions.Caching.Memory;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// The one place that names users for everything the API and the hub show: a session's host, a participant,
/// a chat message's author. Every path shows the user's current name: messages carry only their author's id,
/// and are named when they are shown. Names are remembered for <see cref="Lifetime"/>, because a busy live map
/// or chat would otherwise cost a users query per push. A rename shows at once on the front door that took it
/// (<see cref="Forget"/>) and on the others within <see cref="Lifetime"/>.
/// </summary>
public sealed class UserDirectory(IUserStore users) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private const int MaxRemembered = 100_000;

    private static readonly UserDto Unknown = new(Guid.Empty, "unknown", "Unknown user", null);

    private readonly MemoryCache _remembered = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });

    /// <summary>How a user id whose account no longer exists is shown.</summary>
    public static UserDto UnknownUser(Guid id) => Unknown with { Id = id };

    public async ValueTask<UserDto> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (_remembered.TryGetValue(id, out UserDto? known)) return known!;
        if ((await users.FindByIdAsync(id, cancellationToken))?.ToDto() is not { } found) return UnknownUser(id);
        return Remember(found);
    }

    /// <summary>Whether the account exists (an account removed from the store shows as <see cref="UnknownUser"/>).</summary>
    public async ValueTask<bool> ExistsAsync(Guid id, CancellationToken cancellationToken = default) =>
        await FindAsync(id, cancellationToken) != UnknownUser(id);

    /// <summary>Each of <paramref name="ids"/> named, with one store query for all that are not remembered.</summary>
    public async Task<IReadOnlyDictionary<Guid, UserDto>> FindManyAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default)
    {
        var named = new Dictionary<Guid, UserDto>();
        var missing = new List<Guid>();
        foreach (var id in ids.Distinct())
        {
            if (_remembered.TryGetValue(id, out UserDto? known)) named[id] = known!;
            else missing.Add(id);
        }
        if (missing.Count == 0) return named;
        var found = await users.FindManyAsync(missing, cancellationToken);
        foreach (var id in missing)
            named[id] = found.TryGetValue(id, out var account) ? Remember(account.ToDto()) : UnknownUser(id);
        return named;
    }

    /// <summary>Drops what this front door remembers of a user whose profile just changed.</summary>
    public void Forget(Guid id) => _remembered.Remove(id);

    public void Dispose() => _remembered.Dispose();

    private UserDto Remember(UserDto user) =>
        _remembered.Set(user.Id, user, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
}
