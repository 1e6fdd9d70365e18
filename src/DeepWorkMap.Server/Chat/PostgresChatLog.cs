using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Grains.Chat;
using Npgsql;

namespace DeepWorkMap.Server.Chat;

/// <summary>
/// The <c>chat_messages</c> table, with group commit: messages that arrive while writes are in flight wait
/// and go together in the next single INSERT, so every message is durable before its ack while thousands
/// per second cost tens of statements, not thousands. Several writers run at once, each with one connection
/// and the INSERT prepared on it (one round trip that PostgreSQL neither parses nor plans again): a message
/// that arrives while a batch is being flushed goes out at once in another, and PostgreSQL flushes their
/// commits together, so a message waits for about one commit rather than the end of the one before it.
/// <see cref="ChatWriteQueue"/> keeps each session's messages in order across the writers.
/// </summary>
public sealed partial class PostgresChatLog : IChatLog, IAsyncDisposable
{
    /// <summary>At most this many messages per statement.</summary>
    public const int MaxBatch = 512;

    /// <summary>
    /// Batches in flight at once, each on its own connection. A few suffice: a message then never waits behind a commit
    /// in flight, and commits in flight together share PostgreSQL's WAL flush, so more writers would mostly add
    /// connections (and smaller batches).
    /// </summary>
    public const int Writers = 4;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresChatLog> _logger;
    private readonly ChatWriteQueue _pending = new();
    private readonly Task[] _writers;

    /// <param name="writers">Batches in flight at once (tests pin one writer to aim at its connection).</param>
    public PostgresChatLog(NpgsqlDataSource dataSource, ILogger<PostgresChatLog> logger, int writers = Writers)
    {
        _dataSource = dataSource;
        _logger = logger;
        _writers = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    public Task AppendAsync(ChatMessage message, SeqChain chain, CancellationToken cancellationToken = default)
    {
        // Continuations may run inline on the writer: a grain's await resumes on the grain's own scheduler anyway,
        // so this saves a thread-pool hop per message and cannot run grain code on the writer.
        var write = new PendingWrite(message, chain, new TaskCompletionSource());
        if (!_pending.TryAdd(write)) throw new InvalidOperationException("The chat log is shutting down.");
        return write.Done.Task.WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ChatMessage>> LatestAsync(Guid sessionId, long? before, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT id, seq, user_id, content, created_at, hidden_at, edited_at, deleted_at
            FROM chat_messages
            WHERE session_id = $1 AND seq < $2
            ORDER BY seq DESC
            LIMIT $3
            """);
        command.Parameters.AddWithValue(sessionId);
        command.Parameters.AddWithValue(before ?? long.MaxValue);
        command.Parameters.AddWithValue(limit);
        var found = new List<ChatMessage>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(Read(reader, sessionId));
        }
        return found;
    }

    public async Task<Guid?> HideAsync(Guid messageId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "UPDATE chat_messages SET hidden_at = COALESCE(hidden_at, $2) WHERE id = $1 RETURNING session_id");
        command.Parameters.AddWithValue(messageId);
        command.Parameters.AddWithValue(now);
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    public async Task<ChatMessage?> FindAsync(Guid sessionId, long seq, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT id, seq, user_id, content, created_at, hidden_at, edited_at, deleted_at
            FROM chat_messages
            WHERE session_id = $1 AND seq = $2
            """);
        command.Parameters.AddWithValue(sessionId);
        command.Parameters.AddWithValue(seq);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader, sessionId) : null;
    }

    public async Task ChangeAsync(ChatMessage changed, CancellationToken cancellationToken = default)
    {
        // Only an acknowledged message is changed, so its row is there: the edit never lands before it (see the grain).
        // A deletion writes "" over the words, so no query, backup or export can read them afterwards.
        await using var command = _dataSource.CreateCommand("""
            UPDATE chat_messages
            SET content = $3, edited_at = $4, deleted_at = CASE WHEN $5 THEN $4 END
            WHERE session_id = $1 AND seq = $2 AND id = $6 AND deleted_at IS NULL AND hidden_at IS NULL
            """);
        command.Parameters.AddWithValue(changed.SessionId);
        command.Parameters.AddWithValue(changed.Seq);
        command.Parameters.AddWithValue(changed.Content);
        command.Parameters.AddWithValue(changed.EditedAt ?? throw new ArgumentException("A change has its time.", nameof(changed)));
        command.Parameters.AddWithValue(changed.Deleted);
        command.Parameters.AddWithValue(changed.Id);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            throw new InvalidOperationException($"Message {changed.Seq} of session {changed.SessionId} is not stored as it stands.");
    }

    public async Task<Guid?> SessionOfAsync(Guid messageId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT session_id FROM chat_messages WHERE id = $1");
        command.Parameters.AddWithValue(messageId);
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    public async Task<IReadOnlyList<ChatMessage>> ByAuthorAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT id, session_id, seq, user_id, content, created_at, hidden_at, edited_at, deleted_at FROM chat_messages WHERE user_id = $1 ORDER BY created_at, seq");
        command.Parameters.AddWithValue(userId);
        var found = new List<ChatMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) found.Add(Read(reader, reader.GetFieldValue<Guid>(reader.GetOrdinal("session_id"))));
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Complete();
        await Task.WhenAll(_writers);
    }

    /// <summary>One writer: a connection of its own, and one batch at a time on it.</summary>
    private async Task WriteLoopAsync()
    {
        BatchInsert? insert = null;
        try
        {
            while (await _pending.TakeAsync(MaxBatch) is { Count: > 0 } batch)
            {
                try
                {
                    insert = await WriteBatchAsync(insert, batch);
                }
                finally
                {
                    _pending.Release(batch);
                }
            }
        }
        finally
        {
            if (insert is not null) await insert.DisposeAsync();
        }
    }

    /// <summary>Writes the batch and completes its senders, in order; answers the connection to use next (null: open a fresh one).</summary>
    private async Task<BatchInsert?> WriteBatchAsync(BatchInsert? insert, List<PendingWrite> batch)
    {
        // A message after one of its chain that failed is refused unwritten, or the session's seq would have a gap.
        var writable = new List<PendingWrite>(batch.Count);
        foreach (var write in batch)
        {
            if (write.Chain.Allows(write.Message.Seq)) writable.Add(write);
            else Fail(write, new InvalidOperationException($"An earlier message of session {write.Message.SessionId} was not stored."));
        }
        if (writable.Count == 0) return insert;
        try
        {
            insert ??= await BatchInsert.OpenAsync(_dataSource);
            await insert.RunAsync(writable);
            foreach (var write in writable) write.Done.TrySetResult();
            return insert;
        }
        catch (Exception e) when (writable.Count > 1 && e is NpgsqlException)
        {
            // One bad row (a missing user, a taken seq) must not fail its neighbours: retry them one by one, in order,
            // so a chain's messages after the bad one are refused unwritten.
            insert = await DropIfBrokenAsync(insert);
            foreach (var write in writable) insert = await WriteBatchAsync(insert, [write]);
            return insert;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another activation of the session (on a silo handing it over) stored this seq or this message first.
            var write = writable[0];
            Fail(write, new InvalidOperationException(
                $"Message {write.Message.Id} was not stored: seq {write.Message.Seq} of session {write.Message.SessionId} is taken."));
            return insert;
        }
        catch (Exception e)
        {
            LogWriteFailed(_logger, writable.Count, e);
            // The sender may be a grain on another silo: a plain exception crosses to it, Npgsql's own may not.
            var reason = new InvalidOperationException($"The chat log could not store the message: {e.Message}");
            foreach (var write in writable) Fail(write, reason);
            return await DropIfBrokenAsync(insert);
        }
    }

    private static ChatMessage Read(NpgsqlDataReader reader, Guid sessionId)
    {
        var message = new ChatMessage(
            reader.GetFieldValue<Guid>(reader.GetOrdinal("id")),
            sessionId,
            reader.GetFieldValue<long>(reader.GetOrdinal("seq")),
            reader.GetFieldValue<Guid>(reader.GetOrdinal("user_id")),
            reader.GetFieldValue<string>(reader.GetOrdinal("content")),
            reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("created_at")),
            EditedAt: reader.GetFieldValue<DateTimeOffset?>(reader.GetOrdinal("edited_at")),
            Deleted: !reader.IsDBNull(reader.GetOrdinal("deleted_at")));
        return reader.IsDBNull(reader.GetOrdinal("hidden_at")) ? message : message.AsHidden();
    }

    private static void Fail(PendingWrite write, Exception reason)
    {
        write.Chain.Break(write.Message.Seq);
        write.Done.TrySetException(reason);
    }

    /// <summary>After a failure that was not PostgreSQL refusing a row, the next batch starts on a fresh connection.</summary>
    private static async Task<BatchInsert?> DropIfBrokenAsync(BatchInsert? insert)
    {
        if (insert is null || insert.IsUsable) return insert;
        await insert.DisposeAsync();
        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} chat messages failed; their senders are told")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);
}
