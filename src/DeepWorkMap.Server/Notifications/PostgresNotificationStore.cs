using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Users;
using Npgsql;

namespace DeepWorkMap.Server.Notifications;

/// <summary>The <c>notifications</c> table. The unique (user, kind, subject, occurrence) key makes a repeated notice a no-op.</summary>
public sealed class PostgresNotificationStore(NpgsqlDataSource dataSource) : INotificationStore
{
    private const string Columns = "id, user_id, kind, title, body, session_id, created_at, read_at";

    public async Task<Notification?> AddAsync(Guid userId, Notice notice, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO notifications (id, user_id, kind, subject_id, occurrence, title, body, session_id, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (user_id, kind, subject_id, occurrence) DO NOTHING
            RETURNING {Columns}
            """);
        var p = command.Parameters;
        p.AddWithValue(Guid.CreateVersion7(now));
        p.AddWithValue(userId);
        p.AddWithValue(notice.Kind);
        p.AddWithValue(notice.SubjectId);
        p.AddWithValue(notice.Occurrence);
        p.AddWithValue(Clip(notice.Title, 200));
        p.AddWithValue(Clip(notice.Body, 600));
        p.AddWithValue((object?)notice.SessionId ?? DBNull.Value);
        p.AddWithValue(now);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // The account is gone: there is nobody to tell, now or on a retry.
            return null;
        }
    }

    public async Task<IReadOnlyList<Notification>> AddManyAsync(IReadOnlyList<Guid> userIds, Notice notice, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO notifications (id, user_id, kind, subject_id, occurrence, title, body, session_id, created_at)
            SELECT u.id, u.user_id, $3, $4, $5, $6, $7, $8, $9 FROM unnest($1::uuid[], $2::uuid[]) AS u(id, user_id)
            ON CONFLICT (user_id, kind, subject_id, occurrence) DO NOTHING
            RETURNING {Columns}
            """);
        var p = command.Parameters;
        p.AddWithValue(userIds.Select(_ => Guid.CreateVersion7(now)).ToArray());
        p.AddWithValue(userIds.ToArray());
        p.AddWithValue(notice.Kind);
        p.AddWithValue(notice.SubjectId);
        p.AddWithValue(notice.Occurrence);
        p.AddWithValue(Clip(notice.Title, 200));
        p.AddWithValue(Clip(notice.Body, 600));
        p.AddWithValue((object?)notice.SessionId ?? DBNull.Value);
        p.AddWithValue(now);
        var stored = new List<Notification>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) stored.Add(Read(reader));
        return stored;
    }

    public async Task<IReadOnlyList<Notification>> PageAsync(Guid userId, Guid? before, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM notifications
            WHERE user_id = $1 AND ($2::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM notifications WHERE id = $2 AND user_id = $1))
            ORDER BY created_at DESC, id DESC LIMIT $3
            """);
        command.Parameters.AddWithValue(userId);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.AddWithValue(limit);
        var page = new List<Notification>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) page.Add(Read(reader));
        return page;
    }

    public async Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL");
        command.Parameters.AddWithValue(userId);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task MarkReadAsync(Guid userId, Guid upTo, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE notifications SET read_at = $3
            WHERE user_id = $1 AND read_at IS NULL
              AND (created_at, id) <= (SELECT created_at, id FROM notifications WHERE id = $2 AND user_id = $1)
            """);
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(upTo);
        command.Parameters.AddWithValue(now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> RemoveReadBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM notifications WHERE read_at < $1");
        command.Parameters.AddWithValue(cutoff);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static Notification Read(NpgsqlDataReader r) => new(
        r.GetFieldValue<Guid>(r.GetOrdinal("id")),
        r.GetFieldValue<Guid>(r.GetOrdinal("user_id")),
        r.GetFieldValue<string>(r.GetOrdinal("kind")),
        r.GetFieldValue<string>(r.GetOrdinal("title")),
        r.GetFieldValue<string>(r.GetOrdinal("body")),
        r.IsDBNull(r.GetOrdinal("session_id")) ? null : r.GetFieldValue<Guid>(r.GetOrdinal("session_id")),
        r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("created_at")),
        r.IsDBNull(r.GetOrdinal("read_at")) ? null : r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("read_at")));
}
