using DeepWorkMap.Grains.Sessions;
using Npgsql;

namespace DeepWorkMap.Server.Sessions;

/// <summary>The <c>attendance</c> table.</summary>
public sealed class PostgresAttendanceStore(NpgsqlDataSource dataSource) : IAttendanceStore
{
    public async Task RecordAsync(Guid sessionId, IReadOnlyList<(Guid UserId, bool Attended)> participants, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO attendance (session_id, user_id, attended, recorded_at)
            SELECT $1, u.user_id, u.attended, $4 FROM unnest($2::uuid[], $3::boolean[]) AS u(user_id, attended)
            ON CONFLICT (session_id, user_id) DO NOTHING
            """);
        command.Parameters.AddWithValue(sessionId);
        command.Parameters.AddWithValue(participants.Select(p => p.UserId).ToArray());
        command.Parameters.AddWithValue(participants.Select(p => p.Attended).ToArray());
        command.Parameters.AddWithValue(at);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<AttendanceRecord> OfAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FILTER (WHERE attended) AS attended, count(*) FILTER (WHERE NOT attended) AS no_shows FROM attendance WHERE user_id = $1");
        command.Parameters.AddWithValue(userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new AttendanceRecord((int)reader.GetFieldValue<long>(reader.GetOrdinal("attended")), (int)reader.GetFieldValue<long>(reader.GetOrdinal("no_shows")));
    }
}
