using DeepWorkMap.Grains.Accounts;
using Npgsql;

namespace DeepWorkMap.Server.Accounts;

/// <summary>Blocks in the <c>user_blocks</c> table.</summary>
public sealed class PostgresBlockStore(NpgsqlDataSource dataSource) : IBlockStore
{
    public async Task<(IReadOnlyList<Guid> Blocks, IReadOnlyList<Guid> BlockedBy)> LoadAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT blocker_id, blocked_id FROM user_blocks WHERE blocker_id = $1 OR blocked_id = $1 ORDER BY created_at
            """);
        command.Parameters.AddWithValue(userId);
        var (blocks, blockedBy) = (new List<Guid>(), new List<Guid>());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (blocker, blocked) = (reader.GetFieldValue<Guid>(reader.GetOrdinal("blocker_id")), reader.GetFieldValue<Guid>(reader.GetOrdinal("blocked_id")));
            if (blocker == userId) blocks.Add(blocked);
            else blockedBy.Add(blocker);
        }
        return (blocks, blockedBy);
    }

    public async Task AddAsync(Guid blockerId, Guid blockedId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO user_blocks (blocker_id, blocked_id) VALUES ($1, $2) ON CONFLICT DO NOTHING");
        command.Parameters.AddWithValue(blockerId);
        command.Parameters.AddWithValue(blockedId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RemoveAsync(Guid blockerId, Guid blockedId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM user_blocks WHERE blocker_id = $1 AND blocked_id = $2");
        command.Parameters.AddWithValue(blockerId);
        command.Parameters.AddWithValue(blockedId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
