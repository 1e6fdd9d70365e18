using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Users;
using System.Threading.Channels;
using Npgsql;

namespace DeepWorkMap.Server.Notifications;

/// <summary>
/// The <c>notifications</c> table. The unique (user, kind, subject, occurrence) key makes a repeated notice a no-op;
/// single notices are written in groups (see <see cref="WriteLoopAsync"/>), each unless its user mutes its kind.
/// </summary>
public sealed class PostgresNotificationStore : INotificationStore, IAsyncDisposable
{
    internal const string Columns = "id, user_id, kind, title, body, session_id, created_at, read_at, starts_at";
    private const int MaxBatch = 500;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public PostgresNotificationStore(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _writer = Task.Run(WriteLoopAsync);
    }

    private sealed record Pending(Guid UserId, Notice Notice, DateTimeOffset Now, TaskCompletionSource<Notification?> Done);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    public Task<Notification?> AddUnlessMutedAsync(Guid userId, Notice notice, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(userId, notice, now, new TaskCompletionSource<Notification?>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(PostgresNotificationStore));
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Group commit: notices that arrive while an insert is in flight go together in the next one, so a burst of
    /// seats or cancellations costs a few commits, not one each. A user whose account is gone is skipped (nobody to
    /// tell, now or on a retry), and so is a notice of a kind its user mutes (as their preferences stand at the insert);
    /// a failed insert fails each notice of its batch, which its sender sends again.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                var stored = await InsertAsync(batch);
                var answered = new HashSet<(Guid, string, Guid, string)>();
                foreach (var pending in batch)
                {
                    var key = (pending.UserId, pending.Notice.Kind, pending.Notice.SubjectId, pending.Notice.Occurrence);
                    pending.Done.TrySetResult(answered.Add(key) ? stored.GetValueOrDefault(key) : null);
                }
            }
            catch (Exception e)
            {
                foreach (var pending in batch) pending.Done.TrySetException(e);
            }
        }
    }

    private async Task<Dictionary<(Guid, string, Guid, string), Notification>> InsertAsync(List<Pending> batch)
    {
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO notifications (id, user_id, kind, subject_id, occurrence, title, body, session_id, created_at, starts_at)
            SELECT n.* FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::timestamptz[], $10::timestamptz[])
                AS n(id, user_id, kind, subject_id, occurrence, title, body, session_id, created_at, starts_at)
            WHERE EXISTS (SELECT 1 FROM users WHERE users.id = n.user_id)
              AND NOT EXISTS (SELECT 1 FROM user_preferences p WHERE p.user_id = n.user_id AND n.kind = ANY (p.muted_kinds))
            ON CONFLICT (user_id, kind, subject_id, occurrence) DO NOTHING
            RETURNING {Columns}, subject_id, occurrence
            """);
        var p = command.Parameters;
        p.AddWithValue(batch.Select(b => Guid.CreateVersion7(b.Now)).ToArray());
        p.AddWithValue(batch.Select(b => b.UserId).ToArray());
        p.AddWithValue(batch.Select(b => b.Notice.Kind).ToArray());
        p.AddWithValue(batch.Select(b => b.Notice.SubjectId).ToArray());
        p.AddWithValue(batch.Select(b => b.Notice.Occurrence).ToArray());
        p.AddWithValue(batch.Select(b => Clip(b.Notice.Title, 200)).ToArray());
        p.AddWithValue(batch.Select(b => Clip(b.Notice.Body, 600)).ToArray());
        p.AddWithValue(batch.Select(b => b.Notice.SessionId).ToArray());
        p.AddWithValue(batch.Select(b => b.Now).ToArray());
        p.AddWithValue(batch.Select(b => b.Notice.StartTime).ToArray());
        var stored = new Dictionary<(Guid, string, Guid, string), Notification>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var notification = Read(reader);
            stored[(notification.UserId, notification.Kind, reader.GetFieldValue<Guid>(reader.GetOrdinal("subject_id")), reader.GetFieldValue<string>(reader.GetOrdinal("occurrence")))] = notification;
        }
        return stored;
    }

    public async Task<IReadOnlyList<Notification>> AddManyAsync(IReadOnlyList<Guid> userIds, Notice notice, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO notifications (id, user_id, kind, subject_id, occurrence, title, body, session_id, created_at, starts_at)
            SELECT u.id, u.user_id, $3, $4, $5, $6, $7, $8, $9, $10 FROM unnest($1::uuid[], $2::uuid[]) AS u(id, user_id)
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
        p.Add(new NpgsqlParameter { Value = (object?)notice.StartTime ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        var stored = new List<Notification>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) stored.Add(Read(reader));
        return stored;
    }

    public async Task<IReadOnlyList<Notification>> PageAsync(Guid userId, Guid? before, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"""
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
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL");
        command.Parameters.AddWithValue(userId);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task MarkReadAsync(Guid userId, Guid upTo, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
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
        await using var command = _dataSource.CreateCommand("DELETE FROM notifications WHERE read_at < $1");
        command.Parameters.AddWithValue(cutoff);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    internal static Notification Read(NpgsqlDataReader r) => new(
        r.GetFieldValue<Guid>(r.GetOrdinal("id")),
        r.GetFieldValue<Guid>(r.GetOrdinal("user_id")),
        r.GetFieldValue<string>(r.GetOrdinal("kind")),
        r.GetFieldValue<string>(r.GetOrdinal("title")),
        r.GetFieldValue<string>(r.GetOrdinal("body")),
        r.IsDBNull(r.GetOrdinal("session_id")) ? null : r.GetFieldValue<Guid>(r.GetOrdinal("session_id")),
        r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("created_at")),
        r.IsDBNull(r.GetOrdinal("read_at")) ? null : r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("read_at")),
        r.IsDBNull(r.GetOrdinal("starts_at")) ? null : r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("starts_at")));
}
