using System.Data;
using DeepWorkMap.Contracts.Chat;
using Npgsql;
using NpgsqlTypes;

namespace DeepWorkMap.Server.Chat;

/// <summary>
/// The chat log's one statement: a batch of messages in a single INSERT, prepared once on a connection the
/// log keeps for its writer. Answers the ids that were stored; a taken (session, seq) stores nothing.
/// </summary>
internal sealed class BatchInsert : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _command;
    private readonly NpgsqlParameter<Guid[]> _ids = new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };
    private readonly NpgsqlParameter<Guid[]> _sessionIds = new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };
    private readonly NpgsqlParameter<long[]> _seqs = new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };
    private readonly NpgsqlParameter<Guid[]> _userIds = new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };
    private readonly NpgsqlParameter<string[]> _contents = new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
    private readonly NpgsqlParameter<DateTimeOffset[]> _createdAts = new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };

    private BatchInsert(NpgsqlConnection connection)
    {
        _connection = connection;
        _command = new NpgsqlCommand("""
            INSERT INTO chat_messages (id, session_id, seq, user_id, content, created_at)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::uuid[], $5::text[], $6::timestamptz[])
            ON CONFLICT DO NOTHING
            RETURNING id
            """, connection);
        _command.Parameters.Add(_ids);
        _command.Parameters.Add(_sessionIds);
        _command.Parameters.Add(_seqs);
        _command.Parameters.Add(_userIds);
        _command.Parameters.Add(_contents);
        _command.Parameters.Add(_createdAts);
    }

    public static async Task<BatchInsert> OpenAsync(NpgsqlDataSource dataSource)
    {
        var connection = await dataSource.OpenConnectionAsync();
        try
        {
            var insert = new BatchInsert(connection);
            await insert._command.PrepareAsync();
            return insert;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>False once the connection broke (the server restarted, say); PostgreSQL refusing a row leaves it usable.</summary>
    public bool IsUsable => _connection.FullState == ConnectionState.Open;

    public async Task<HashSet<Guid>> RunAsync(IReadOnlyList<ChatMessage> messages)
    {
        _ids.TypedValue = messages.Select(m => m.Id).ToArray();
        _sessionIds.TypedValue = messages.Select(m => m.SessionId).ToArray();
        _seqs.TypedValue = messages.Select(m => m.Seq).ToArray();
        _userIds.TypedValue = messages.Select(m => m.UserId).ToArray();
        _contents.TypedValue = messages.Select(m => m.Content).ToArray();
        _createdAts.TypedValue = messages.Select(m => m.CreatedAt).ToArray();
        var stored = new HashSet<Guid>(messages.Count);
        await using var reader = await _command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) stored.Add(reader.GetGuid(0));
        return stored;
    }

    public async ValueTask DisposeAsync()
    {
        await _command.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
