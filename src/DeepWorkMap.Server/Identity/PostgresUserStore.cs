using DeepWorkMap.Grains.Accounts;
using Npgsql;

namespace DeepWorkMap.Server.Identity;

/// <summary>
/// Accounts in the <c>users</c> table. Uniqueness is the database's: indexes on lower(email) and lower(username)
/// among open accounts, and the <c>retired_names</c> of closed ones.
/// </summary>
public sealed class PostgresUserStore(NpgsqlDataSource dataSource) : IUserStore, IAccountStanding
{
    private const string InsertedColumns = "id, email, username, display_name, password_hash, avatar_url, created_at, updated_at";
    private const string Columns = InsertedColumns + ", closed_at, email_verified_at, tokens_valid_from";

    /// <summary>
    /// The insert and the check for retired and held names share a transaction, the check second: a close that retires the
    /// name (or a change that holds the address it leaves) while the insert waits on its row is committed before the check
    /// reads, so the name is never given out.
    /// </summary>
    public async Task<CreateUserOutcome> CreateAsync(UserAccount account, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = new NpgsqlCommand($"INSERT INTO users ({InsertedColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", connection, transaction);
        insert.Parameters.AddWithValue(account.Id);
        insert.Parameters.AddWithValue(account.Email);
        insert.Parameters.AddWithValue(account.Username);
        insert.Parameters.AddWithValue(account.DisplayName);
        insert.Parameters.AddWithValue(account.PasswordHash);
        insert.Parameters.AddWithValue((object?)account.AvatarUrl ?? DBNull.Value);
        insert.Parameters.AddWithValue(account.CreatedAt);
        insert.Parameters.AddWithValue(account.UpdatedAt);
        try
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return e.ConstraintName == "users_email_ci_key" ? CreateUserOutcome.EmailTaken : CreateUserOutcome.UsernameTaken;
        }
        await using var retired = new NpgsqlCommand("""
            SELECT kind FROM retired_names WHERE (kind = 'email' AND key = $1) OR (kind = 'username' AND key = $2)
            UNION ALL SELECT 'email' FROM held_emails WHERE key = $1 AND user_id <> $3 AND held_until > $4
            ORDER BY kind LIMIT 1
            """, connection, transaction);
        retired.Parameters.AddWithValue(ClosedAccount.EmailKey(account.Email));
        retired.Parameters.AddWithValue(ClosedAccount.UsernameKey(account.Username));
        retired.Parameters.AddWithValue(account.Id);
        retired.Parameters.AddWithValue(account.CreatedAt);
        switch (await retired.ExecuteScalarAsync(cancellationToken))
        {
            case "email": return CreateUserOutcome.EmailTaken;
            case "username": return CreateUserOutcome.UsernameTaken;
        }
        await transaction.CommitAsync(cancellationToken);
        return CreateUserOutcome.Created;
    }

    public async Task<UserAccount?> FindByLoginAsync(string login, CancellationToken cancellationToken = default)
    {
        var column = login.Contains('@') ? "email" : "username";
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM users WHERE lower({column}) = lower($1) AND closed_at IS NULL");
        command.Parameters.AddWithValue(login);
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<UserAccount?> FindByIdAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM users WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, UserAccount>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM users WHERE id = ANY($1)");
        command.Parameters.AddWithValue(ids.Distinct().ToArray());
        var found = new Dictionary<Guid, UserAccount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var account = Read(reader);
            found[account.Id] = account;
        }
        return found;
    }

    /// <summary>Retires the names and erases them in one transaction, the row locked while its names are read.</summary>
    public async Task CloseAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var read = new NpgsqlCommand("SELECT email, username FROM users WHERE id = $1 AND closed_at IS NULL FOR UPDATE", connection, transaction);
        read.Parameters.AddWithValue(id);
        string email, username;
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return;
            (email, username) = (reader.GetString(0), reader.GetString(1));
        }

        await using var retire = new NpgsqlCommand(
            "INSERT INTO retired_names (kind, key, retired_at) VALUES ('email', $1, $3), ('username', $2, $3) ON CONFLICT DO NOTHING", connection, transaction);
        retire.Parameters.AddWithValue(ClosedAccount.EmailKey(email));
        retire.Parameters.AddWithValue(ClosedAccount.UsernameKey(username));
        retire.Parameters.AddWithValue(now);
        await retire.ExecuteNonQueryAsync(cancellationToken);

        await using var erase = new NpgsqlCommand("""
            UPDATE users SET email = $2, username = $3, display_name = $4, avatar_url = NULL, password_hash = '', updated_at = $5, closed_at = $5
            WHERE id = $1
            """, connection, transaction);
        var placeholders = ClosedAccount.Placeholders(id);
        erase.Parameters.AddWithValue(id);
        erase.Parameters.AddWithValue(placeholders.Email);
        erase.Parameters.AddWithValue(placeholders.Username);
        erase.Parameters.AddWithValue(IUserStore.ClosedDisplayName);
        erase.Parameters.AddWithValue(now);
        await erase.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> SetSuspendedAsync(Guid id, bool suspended, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE users SET suspended_at = CASE WHEN $2 THEN COALESCE(suspended_at, $3) END WHERE id = $1 AND closed_at IS NULL");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(suspended);
        command.Parameters.AddWithValue(now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> IsOpenAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM users WHERE id = $1 AND closed_at IS NULL AND suspended_at IS NULL)");
        command.Parameters.AddWithValue(userId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<UserAccount?> UpdateProfileAsync(Guid id, string displayName, string? avatarUrl, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE users SET display_name = $2, avatar_url = $3, updated_at = $4 WHERE id = $1 RETURNING {Columns}");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(displayName);
        command.Parameters.AddWithValue((object?)avatarUrl ?? DBNull.Value);
        command.Parameters.AddWithValue(now);
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<bool> MarkEmailVerifiedAsync(Guid id, string email, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $3) WHERE id = $1 AND lower(email) = lower($2) AND closed_at IS NULL");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(email);
        command.Parameters.AddWithValue(now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<UserAccount?> SetPasswordAsync(Guid id, string passwordHash, DateTimeOffset now, bool refuseOlderTokens = true, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE users SET password_hash = $2, tokens_valid_from = CASE WHEN $4 THEN $3 ELSE tokens_valid_from END, updated_at = $3
            WHERE id = $1 AND closed_at IS NULL RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(passwordHash);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(refuseOlderTokens);
        return await ReadSingleAsync(command, cancellationToken);
    }

    /// <summary>
    /// As <see cref="CreateAsync"/>: the unique index decides against open accounts, the retired names against closed ones,
    /// the held ones against the accounts that left them lately. The row is locked first, so the address it leaves is the
    /// one held.
    /// </summary>
    public async Task<EmailChangeOutcome> ChangeEmailAsync(
        Guid id, string email, DateTimeOffset now, DateTimeOffset? holdLeftUntil, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var read = new NpgsqlCommand("SELECT email FROM users WHERE id = $1 AND closed_at IS NULL FOR UPDATE", connection, transaction);
        read.Parameters.AddWithValue(id);
        if (await read.ExecuteScalarAsync(cancellationToken) is not string left) return EmailChangeOutcome.NoAccount;
        await using var update = new NpgsqlCommand("UPDATE users SET email = $2, email_verified_at = $3, updated_at = $3 WHERE id = $1", connection, transaction);
        update.Parameters.AddWithValue(id);
        update.Parameters.AddWithValue(email);
        update.Parameters.AddWithValue(now);
        try
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return EmailChangeOutcome.EmailTaken;
        }
        await using var taken = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM retired_names WHERE kind = 'email' AND key = $1)
                OR EXISTS (SELECT 1 FROM held_emails WHERE key = $1 AND user_id <> $2 AND held_until > $3)
            """, connection, transaction);
        taken.Parameters.AddWithValue(ClosedAccount.EmailKey(email));
        taken.Parameters.AddWithValue(id);
        taken.Parameters.AddWithValue(now);
        if ((bool)(await taken.ExecuteScalarAsync(cancellationToken))!) return EmailChangeOutcome.EmailTaken;
        if (holdLeftUntil is { } until) await HoldAsync(connection, transaction, left, id, until, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EmailChangeOutcome.Changed;
    }

    private static async Task HoldAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string email, Guid id, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var hold = new NpgsqlCommand("""
            INSERT INTO held_emails (key, user_id, held_until) VALUES ($1, $2, $3)
            ON CONFLICT (key) DO UPDATE SET user_id = EXCLUDED.user_id, held_until = EXCLUDED.held_until
            """, connection, transaction);
        hold.Parameters.AddWithValue(ClosedAccount.EmailKey(email));
        hold.Parameters.AddWithValue(id);
        hold.Parameters.AddWithValue(until);
        await hold.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> IsEmailFreeForAsync(Guid id, string email, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT NOT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($2) AND closed_at IS NULL AND id <> $1)
               AND NOT EXISTS (SELECT 1 FROM retired_names WHERE kind = 'email' AND key = $3)
               AND NOT EXISTS (SELECT 1 FROM held_emails WHERE key = $3 AND user_id <> $1 AND held_until > $4)
            """);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(email);
        command.Parameters.AddWithValue(ClosedAccount.EmailKey(email));
        command.Parameters.AddWithValue(now);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<DateTimeOffset?> TokensValidFromAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT tokens_valid_from FROM users WHERE id = $1");
        command.Parameters.AddWithValue(userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }

    private static async Task<UserAccount?> ReadSingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static UserAccount Read(NpgsqlDataReader r) => new(
        r.GetFieldValue<Guid>(r.GetOrdinal("id")),
        r.GetFieldValue<string>(r.GetOrdinal("email")),
        r.GetFieldValue<string>(r.GetOrdinal("username")),
        r.GetFieldValue<string>(r.GetOrdinal("display_name")),
        r.GetFieldValue<string>(r.GetOrdinal("password_hash")),
        r.IsDBNull(r.GetOrdinal("avatar_url")) ? null : r.GetFieldValue<string>(r.GetOrdinal("avatar_url")),
        r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("created_at")),
        r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("updated_at")))
    {
        ClosedAt = Optional(r, "closed_at"),
        EmailVerifiedAt = Optional(r, "email_verified_at"),
        TokensValidFrom = Optional(r, "tokens_valid_from"),
    };

    private static DateTimeOffset? Optional(NpgsqlDataReader r, string column) =>
        r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetFieldValue<DateTimeOffset>(r.GetOrdinal(column));
}
