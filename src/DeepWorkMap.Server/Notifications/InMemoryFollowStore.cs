using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Grains.Users;

namespace DeepWorkMap.Server.Notifications;

/// <summary>Embedded mode's follows and saved sessions, gone when the process ends.</summary>
public sealed class InMemoryFollowStore(IPreferencesStore preferences) : IFollowStore
{
    private readonly Lock _gate = new();
    private readonly List<(Guid Follower, Guid Followee)> _follows = [];
    private readonly List<(Guid User, Guid Session)> _saved = [];

    public Task<IReadOnlyList<Guid>> FollowingAsync(Guid followerId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<Guid>>(_follows.Where(f => f.Follower == followerId).Select(f => f.Followee).ToList());
    }

    public Task SetFollowingAsync(Guid followerId, Guid followeeId, bool following, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _follows.Remove((followerId, followeeId));
            if (following) _follows.Add((followerId, followeeId));
        }
        return Task.CompletedTask;
    }

    public Task<int> FollowerCountAsync(Guid followeeId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_follows.Count(f => f.Followee == followeeId));
    }

    public async Task<IReadOnlyList<Guid>> FollowersNearAsync(Guid followeeId, double latitude, double longitude, Guid after, int limit, CancellationToken cancellationToken = default)
    {
        List<Guid> followers;
        lock (_gate) followers = _follows.Where(f => f.Followee == followeeId && f.Follower.CompareTo(after) > 0).Select(f => f.Follower).Order().ToList();
        var near = new List<Guid>();
        foreach (var follower in followers)
        {
            var chosen = (await preferences.LoadAsync(follower, cancellationToken)).Preferences;
            if (chosen.HomeArea is { } home && !chosen.Mutes(NotificationKinds.FollowedHostHosting)
                && Haversine.DistanceKm(home.Latitude, home.Longitude, latitude, longitude) <= home.RadiusKm) near.Add(follower);
            if (near.Count == limit) break;
        }
        return near;
    }

    public Task<IReadOnlyList<Guid>> SavedAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<Guid>>(_saved.Where(s => s.User == userId).Select(s => s.Session).ToList());
    }

    public Task SetSavedAsync(Guid userId, Guid sessionId, bool saved, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _saved.Remove((userId, sessionId));
            if (saved) _saved.Add((userId, sessionId));
        }
        return Task.CompletedTask;
    }
}
