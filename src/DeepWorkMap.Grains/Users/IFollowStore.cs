namespace DeepWorkMap.Grains.Users;

/// <summary>The <c>follows</c> and <c>saved_sessions</c> tables.</summary>
public interface IFollowStore
{
    Task<IReadOnlyList<Guid>> FollowingAsync(Guid followerId, CancellationToken cancellationToken = default);

    Task SetFollowingAsync(Guid followerId, Guid followeeId, bool following, CancellationToken cancellationToken = default);

    Task<int> FollowerCountAsync(Guid followeeId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> followers of <paramref name="followeeId"/> after <paramref name="after"/> (by id), whose
    /// home area holds the point and who do not mute the news: how a new session's news goes out in batches.
    /// </summary>
    Task<IReadOnlyList<Guid>> FollowersNearAsync(Guid followeeId, double latitude, double longitude, Guid after, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Guid>> SavedAsync(Guid userId, CancellationToken cancellationToken = default);

    Task SetSavedAsync(Guid userId, Guid sessionId, bool saved, CancellationToken cancellationToken = default);
}
