using DeepWorkMap.Grains.Focus;
using Npgsql;

namespace DeepWorkMap.Server.Stats;

/// <summary>The <c>focus_time</c> table.</summary>
public sealed class PostgresFocusLog(NpgsqlDataSource dataSource) : IFocusLog
{
    /// <summary>
    /// One statement per batch. The zone is the user's at the first write of an interval; a user whose account is gone
    /// is skipped (nothing to count for).
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<FocusInterval> intervals, CancellationToken cancellationToken = default)
    {
        if (intervals.Count == 0) return;
        await using var command = dataSource.CreateCommand("""
            INSERT INTO focus_time (user_id, session_id, started_at, ended_at, time_zone)
            SELECT f.user_id, f.session_id, f.started_at, f.ended_at, coalesce(p.time_zone, 'UTC')
            FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::timestamptz[]) AS f(user_id, session_id, started_at, ended_at)
            JOIN users u ON u.id = f.user_id
            LEFT JOIN user_preferences p ON p.user_id = f.user_id
            ON CONFLICT (user_id, session_id, started_at) DO UPDATE SET ended_at = greatest(focus_time.ended_at, EXCLUDED.ended_at)
            """);
        var p = command.Parameters;
        p.AddWithValue(intervals.Select(i => i.UserId).ToArray());
        p.AddWithValue(intervals.Select(i => i.SessionId).ToArray());
        p.AddWithValue(intervals.Select(i => i.StartedAt).ToArray());
        p.AddWithValue(intervals.Select(i => i.EndedAt).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<FocusSpan>> SpansAsync(IReadOnlyCollection<Guid> userIds, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT user_id, session_id, started_at, ended_at, time_zone FROM focus_time
            WHERE user_id = ANY($1) AND ($2::timestamptz IS NULL OR ended_at > $2) AND ($3::timestamptz IS NULL OR started_at < $3)
            ORDER BY user_id, started_at
            """);
        command.Parameters.AddWithValue(userIds.ToArray());
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)from ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        var spans = new List<FocusSpan>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            spans.Add(new FocusSpan(reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4)));
        return spans;
    }
}
