using Npgsql;

namespace DeepWorkMap.Server.Moderation;

/// <summary>Moderators in the <c>moderators</c> table.</summary>
public sealed class PostgresModeratorStore(NpgsqlDataSource dataSource) : IModeratorStore
{
    public async Task<bool> IsModeratorAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM moderators WHERE user_id = $1)");
        command.Parameters.AddWithValue(userId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<bool> GrantAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO moderators (user_id, granted_at) VALUES ($1, $2) ON CONFLICT DO NOTHING");
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> RevokeAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM moderators WHERE user_id = $1");
        command.Parameters.AddWithValue(userId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<(Guid UserId, DateTimeOffset GrantedAt)>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT user_id, granted_at FROM moderators ORDER BY granted_at, user_id");
        var found = new List<(Guid, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) found.Add((reader.GetFieldValue<Guid>(0), reader.GetFieldValue<DateTimeOffset>(1)));
        return found;
    }
}
