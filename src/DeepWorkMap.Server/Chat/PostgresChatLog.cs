using System.Threading.Channels;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Grains.Chat;
using Npgsql;

namespace DeepWorkMap.Server.Chat;

/// <summary>
/// The <c>chat_messages</c> table, with group commit: messages that arrive while a write is in flight
/// wait and go together in the next single INSERT, so every message is durable before its ack while
/// thousands per second cost tens of statements, not thousands. The writer keeps one connection with the
/// INSERT prepared on it, so a batch is one round trip that PostgreSQL neither parses nor plans again.
/// </summary>
public sealed partial class PostgresChatLog : IChatLog, IAsyncDisposable
{
    /// <summary>At most this many messages per statement.</summary>
    public const int MaxBatch = 512;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresChatLog> _logger;
    private readonly Channel<PendingWrite> _pending = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private BatchInsert? _insert;

    public PostgresChatLog(NpgsqlDataSource dataSource, ILogger<PostgresChatLog> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    public Task AppendAsync(ChatMessage message, SeqChain chain, CancellationToken cancellationToken = default)
    {
        // Continuations may run inline on the writer: a grain's await resumes on the grain's own scheduler anyway,
        // so this saves a thread-pool hop per message and cannot run grain code on the writer.
        var write = new PendingWrite(message, chain, new TaskCompletionSource());
        if (!_pending.Writer.TryWrite(write)) throw new InvalidOperationException("The chat log is shutting down.");
        return write.Done.Task.WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ChatMessage>> LatestAsync(Guid sessionId, long? before, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT id, seq, user_id, content, created_at, hidden_at
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

    public async Task<Guid?> SessionOfAsync(Guid messageId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT session_id FROM chat_messages WHERE id = $1");
        command.Parameters.AddWithValue(messageId);
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    public async Task<IReadOnlyList<ChatMessage>> ByAuthorAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT id, session_id, seq, user_id, content, created_at, hidden_at FROM chat_messages WHERE user_id = $1 ORDER BY created_at, seq");
        command.Parameters.AddWithValue(userId);
        var found = new List<ChatMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) found.Add(Read(reader, reader.GetFieldValue<Guid>(reader.GetOrdinal("session_id"))));
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
        if (_insert is not null) await _insert.DisposeAsync();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var write)) batch.Add(write);
            await WriteBatchAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<PendingWrite> batch)
    {
        // A message after one of its chain that failed is refused unwritten, or the session's seq would have a gap.
        var writable = new List<PendingWrite>(batch.Count);
        foreach (var write in batch)
        {
            if (write.Chain.Allows(write.Message.Seq)) writable.Add(write);
            else Fail(write, new InvalidOperationException($"An earlier message of session {write.Message.SessionId} was not stored."));
        }
        if (writable.Count == 0) return;
        try
        {
            _insert ??= await BatchInsert.OpenAsync(_dataSource);
            var stored = await _insert.RunAsync(writable.Select(w => w.Message).ToList());
            foreach (var write in writable)
            {
                if (stored.Contains(write.Message.Id)) write.Done.TrySetResult();
                else Fail(write, new InvalidOperationException(
                    $"Message {write.Message.Id} was not stored: seq {write.Message.Seq} of session {write.Message.SessionId} is taken."));
            }
        }
        catch (Exception e) when (writable.Count > 1 && e is NpgsqlException)
        {
            // One bad row (a missing user, say) must not fail its neighbours: retry them one by one, in order.
            await DropBrokenConnectionAsync();
            foreach (var write in writable) await WriteBatchAsync([write]);
        }
        catch (Exception e)
        {
            LogWriteFailed(_logger, writable.Count, e);
            await DropBrokenConnectionAsync();
            // The sender may be a grain on another silo: a plain exception crosses to it, Npgsql's own may not.
            var reason = new InvalidOperationException($"The chat log could not store the message: {e.Message}");
            foreach (var write in writable) Fail(write, reason);
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
            reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("created_at")));
        return reader.IsDBNull(reader.GetOrdinal("hidden_at")) ? message : message.AsHidden();
    }

    private static void Fail(PendingWrite write, Exception reason)
    {
        write.Chain.Break(write.Message.Seq);
        write.Done.TrySetException(reason);
    }

    /// <summary>After a failure that was not PostgreSQL refusing a row, the next batch starts on a fresh connection.</summary>
    private async Task DropBrokenConnectionAsync()
    {
        if (_insert is null || _insert.IsUsable) return;
        await _insert.DisposeAsync();
        _insert = null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} chat messages failed; their senders are told")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);

    private sealed record PendingWrite(ChatMessage Message, SeqChain Chain, TaskCompletionSource Done);
}
