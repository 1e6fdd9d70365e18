using System.Threading.Channels;
using DeepWorkMap.Grains.Focus;
using Npgsql;

namespace DeepWorkMap.Server.Stats;

/// <summary>
/// The <c>focus_time</c> table. Writes are gathered across this silo's sessions: each session's sweep hands over what
/// is due every few seconds, and one statement stores what every session handed over within <see cref="Gather"/>,
/// instead of one statement (and one commit and WAL flush) per session. With 200 busy sessions that is about 4
/// statements a second instead of 40, next to the chat log's commits on the same disk.
/// </summary>
public sealed partial class PostgresFocusLog : IFocusLog, IAsyncDisposable
{
    /// <summary>
    /// How long the writer waits, after a write comes, for others to join it. The sweeps do not wait for it (only a
    /// deactivating session's last write does), so it costs only how late the row is: a silo lost meanwhile loses that much more focus time,
    /// which the front doors' next renewal in another activation counts again from the user's report.
    /// </summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(250);

    /// <summary>At most this many intervals per statement.</summary>
    public const int MaxBatch = 4096;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresFocusLog> _logger;
    private readonly Channel<PendingFocus> _pending = Channel.CreateUnbounded<PendingFocus>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    private sealed record PendingFocus(IReadOnlyList<FocusInterval> Intervals, TaskCompletionSource Done);

    public PostgresFocusLog(NpgsqlDataSource dataSource, ILogger<PostgresFocusLog> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Completes once the intervals are stored, with the others gathered with them.</summary>
    public Task RecordAsync(IReadOnlyList<FocusInterval> intervals, CancellationToken cancellationToken = default)
    {
        if (intervals.Count == 0) return Task.CompletedTask;
        var pending = new PendingFocus(intervals, new TaskCompletionSource());
        if (!_pending.Writer.TryWrite(pending)) throw new InvalidOperationException("The focus log is shutting down.");
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _pending.Reader;
        while (await reader.WaitToReadAsync())
        {
            if (!reader.Completion.IsCompleted) await Task.WhenAny(Task.Delay(Gather), reader.Completion);
            var batch = new List<PendingFocus>();
            var intervals = 0;
            while (intervals < MaxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                intervals += pending.Intervals.Count;
            }
            try
            {
                await InsertAsync(batch.SelectMany(p => p.Intervals));
                foreach (var pending in batch) pending.Done.TrySetResult();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Each session keeps what it handed over as due and hands it over again at its next sweep.
                LogWriteFailed(_logger, batch.Count, e);
                var reason = new InvalidOperationException($"The focus log could not store the intervals: {e.Message}");
                foreach (var pending in batch) pending.Done.TrySetException(reason);
            }
        }
    }

    /// <summary>
    /// One statement for the batch. The zone is the user's at the first write of an interval; a user whose account is
    /// gone is skipped (nothing to count for). A key given twice in one batch goes once, with the later end: one
    /// statement may not update a row twice, and one caller's batch must not fail the others'.
    /// </summary>
    private async Task InsertAsync(IEnumerable<FocusInterval> intervals)
    {
        var latest = new Dictionary<(Guid UserId, Guid SessionId, DateTimeOffset StartedAt), DateTimeOffset>();
        foreach (var interval in intervals)
        {
            var key = (interval.UserId, interval.SessionId, interval.StartedAt);
            if (!latest.TryGetValue(key, out var end) || interval.EndedAt > end) latest[key] = interval.EndedAt;
        }
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO focus_time (user_id, session_id, started_at, ended_at, time_zone)
            SELECT f.user_id, f.session_id, f.started_at, f.ended_at, coalesce(p.time_zone, 'UTC')
            FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::timestamptz[]) AS f(user_id, session_id, started_at, ended_at)
            JOIN users u ON u.id = f.user_id
            LEFT JOIN user_preferences p ON p.user_id = f.user_id
            ON CONFLICT (user_id, session_id, started_at) DO UPDATE SET ended_at = greatest(focus_time.ended_at, EXCLUDED.ended_at)
            """);
        var p = command.Parameters;
        p.AddWithValue(latest.Keys.Select(k => k.UserId).ToArray());
        p.AddWithValue(latest.Keys.Select(k => k.SessionId).ToArray());
        p.AddWithValue(latest.Keys.Select(k => k.StartedAt).ToArray());
        p.AddWithValue(latest.Values.ToArray());
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<FocusSpan>> SpansAsync(IReadOnlyCollection<Guid> userIds, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Sessions} sessions' focus time failed; each hands it over again at its next sweep")]
    private static partial void LogWriteFailed(ILogger logger, int sessions, Exception exception);
}
