using Npgsql;

namespace DeepWorkMap.Server.Chat;

/// <summary><c>chat_read_markers</c>, with the unread counts of many sessions in one query.</summary>
public sealed class PostgresReadMarkerStore(NpgsqlDataSource dataSource) : IReadMarkerStore
{
    public async Task MarkAsync(Guid userId, Guid sessionId, long seq, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO chat_read_markers (user_id, session_id, seq, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (user_id, session_id) DO UPDATE SET seq = EXCLUDED.seq, updated_at = EXCLUDED.updated_at
            WHERE chat_read_markers.seq < EXCLUDED.seq
            """);
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(sessionId);
        command.Parameters.AddWithValue(seq);
        command.Parameters.AddWithValue(now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, long>> UnreadAsync(
        Guid userId, IReadOnlyList<Guid> sessionIds, IReadOnlyCollection<Guid> hiddenAuthors, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.id, count(m.seq)
            FROM unnest($2::uuid[]) AS s(id)
            LEFT JOIN chat_read_markers r ON r.user_id = $1 AND r.session_id = s.id
            LEFT JOIN chat_messages m ON m.session_id = s.id AND m.seq > COALESCE(r.seq, 0) AND m.user_id <> $1
                AND m.deleted_at IS NULL AND m.hidden_at IS NULL AND m.user_id <> ALL($3::uuid[])
            GROUP BY s.id
            """);
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(sessionIds.ToArray());
        command.Parameters.AddWithValue(hiddenAuthors.ToArray());
        var unread = new Dictionary<Guid, long>(sessionIds.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) unread[reader.GetGuid(0)] = reader.GetInt64(1);
        return unread;
    }
}
