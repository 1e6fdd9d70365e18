using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace DeepWorkMap.Server.Chat;

/// <summary>
/// The chat log's one statement: a batch of messages in a single INSERT, prepared once on a connection the
/// log keeps for its writer. All of the batch is stored or none of it: a taken (session, seq) or id fails the
/// statement. (Skipping the taken row and storing the rest would store a chain's later seqs after one that is not
/// there: a gap, each of them acknowledged.)
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

    public async Task RunAsync(List<PendingWrite> writes)
    {
        var count = writes.Count;
        var (ids, sessionIds, seqs, userIds, contents, createdAts) =
            (new Guid[count], new Guid[count], new long[count], new Guid[count], new string[count], new DateTimeOffset[count]);
        for (var i = 0; i < count; i++)
        {
            var message = writes[i].Message;
            (ids[i], sessionIds[i], seqs[i], userIds[i], contents[i], createdAts[i]) =
                (message.Id, message.SessionId, message.Seq, message.UserId, message.Content, message.CreatedAt);
        }
        (_ids.TypedValue, _sessionIds.TypedValue, _seqs.TypedValue, _userIds.TypedValue, _contents.TypedValue, _createdAts.TypedValue) =
            (ids, sessionIds, seqs, userIds, contents, createdAts);
        await _command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _command.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
