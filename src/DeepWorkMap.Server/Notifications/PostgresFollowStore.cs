using DeepWorkMap.Grains.Users;
using Npgsql;

namespace DeepWorkMap.Server.Notifications;

/// <summary>The <c>follows</c> and <c>saved_sessions</c> tables; written only by the user's grain.</summary>
public sealed class PostgresFollowStore(NpgsqlDataSource dataSource) : IFollowStore
{
    public Task<IReadOnlyList<Guid>> FollowingAsync(Guid followerId, CancellationToken cancellationToken = default) =>
        IdsAsync("SELECT followee_id FROM follows WHERE follower_id = $1 ORDER BY created_at", cancellationToken, followerId);

    public Task SetFollowingAsync(Guid followerId, Guid followeeId, bool following, CancellationToken cancellationToken = default) =>
        ExecuteAsync(following
            ? "INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
            : "DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2", cancellationToken, followerId, followeeId);

    public async Task<int> FollowerCountAsync(Guid followeeId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM follows WHERE followee_id = $1");
        command.Parameters.AddWithValue(followeeId);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task<IReadOnlyList<Guid>> FollowersNearAsync(Guid followeeId, double latitude, double longitude, Guid after, int limit, CancellationToken cancellationToken = default) =>
        IdsAsync("""
            SELECT f.follower_id FROM follows f JOIN user_preferences p ON p.user_id = f.follower_id
            WHERE f.followee_id = $1 AND f.follower_id > $4 AND p.home_radius_km IS NOT NULL
              AND NOT ('followed_host_hosting' = ANY (p.muted_kinds))
              AND 2 * 6371.0088 * asin(least(1, sqrt(
                    power(sin(radians(p.home_latitude - $2) / 2), 2)
                    + cos(radians($2)) * cos(radians(p.home_latitude)) * power(sin(radians(p.home_longitude - $3) / 2), 2)))) <= p.home_radius_km
            ORDER BY f.follower_id LIMIT $5
            """, cancellationToken, followeeId, latitude, longitude, after, limit);

    public Task<IReadOnlyList<Guid>> SavedAsync(Guid userId, CancellationToken cancellationToken = default) =>
        IdsAsync("SELECT session_id FROM saved_sessions WHERE user_id = $1 ORDER BY saved_at", cancellationToken, userId);

    public Task SetSavedAsync(Guid userId, Guid sessionId, bool saved, CancellationToken cancellationToken = default) =>
        ExecuteAsync(saved
            ? "INSERT INTO saved_sessions (user_id, session_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
            : "DELETE FROM saved_sessions WHERE user_id = $1 AND session_id = $2", cancellationToken, userId, sessionId);

    private async Task<IReadOnlyList<Guid>> IdsAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.AddWithValue(parameter);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetFieldValue<Guid>(0));
        return ids;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.AddWithValue(parameter);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
