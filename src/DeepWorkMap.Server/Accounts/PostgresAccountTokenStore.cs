using Npgsql;

namespace DeepWorkMap.Server.Accounts;

/// <summary>The <c>account_tokens</c> table; a use is one statement, so two racing uses of one token cannot both win.</summary>
public sealed class PostgresAccountTokenStore(NpgsqlDataSource dataSource) : IAccountTokenStore
{
    public async Task AddAsync(byte[] hash, Guid userId, string purpose, string email, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO account_tokens (token_hash, user_id, purpose, email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)");
        command.Parameters.AddWithValue(hash);
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(purpose);
        command.Parameters.AddWithValue(email);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(expiresAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<AccountTokenOwner?> UseAsync(byte[] hash, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UseAsync(hash, purpose, now, keepEarlier: false, cancellationToken);

    public Task<AccountTokenOwner?> UseKeepingEarlierAsync(byte[] hash, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UseAsync(hash, purpose, now, keepEarlier: true, cancellationToken);

    /// <summary>
    /// Uses the token, and in the same statement the owner's other unused tokens of its purpose (those issued after it, with
    /// <paramref name="keepEarlier"/>).
    /// </summary>
    private async Task<AccountTokenOwner?> UseAsync(byte[] hash, string purpose, DateTimeOffset now, bool keepEarlier, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH used AS (
                UPDATE account_tokens SET used_at = $3
                WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
                RETURNING user_id, email, created_at),
            others AS (
                UPDATE account_tokens t SET used_at = $3 FROM used
                WHERE t.user_id = used.user_id AND t.purpose = $2 AND t.used_at IS NULL AND t.token_hash <> $1
                  AND (NOT $4 OR t.created_at > used.created_at))
            SELECT user_id, email FROM used
            """);
        command.Parameters.AddWithValue(hash);
        command.Parameters.AddWithValue(purpose);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(keepEarlier);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new AccountTokenOwner(reader.GetGuid(0), reader.GetString(1)) : null;
    }

    public async Task CancelAsync(Guid userId, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE account_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL");
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(purpose);
        command.Parameters.AddWithValue(now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> CountIssuedSinceAsync(Guid userId, string purpose, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM account_tokens WHERE user_id = $1 AND purpose = $2 AND created_at > $3");
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(purpose);
        command.Parameters.AddWithValue(since);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
