using DeepWorkMap.Grains.Accounts;
using Npgsql;

namespace DeepWorkMap.Server.Accounts;

/// <summary>Accounts in the <c>users</c> table; uniqueness is the database's (indexes on lower(email), lower(username)).</summary>
public sealed class PostgresUserStore(NpgsqlDataSource dataSource) : IUserStore, IAccountStanding
{
    private const string Columns = "id, email, username, display_name, password_hash, avatar_url, created_at, updated_at";

    public async Task<CreateUserOutcome> CreateAsync(UserAccount account, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO users ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
        command.Parameters.AddWithValue(account.Id);
        command.Parameters.AddWithValue(account.Email);
        command.Parameters.AddWithValue(account.Username);
        command.Parameters.AddWithValue(account.DisplayName);
        command.Parameters.AddWithValue(account.PasswordHash);
        command.Parameters.AddWithValue((object?)account.AvatarUrl ?? DBNull.Value);
        command.Parameters.AddWithValue(account.CreatedAt);
        command.Parameters.AddWithValue(account.UpdatedAt);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return CreateUserOutcome.Created;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return e.ConstraintName == "users_email_ci_key" ? CreateUserOutcome.EmailTaken : CreateUserOutcome.UsernameTaken;
        }
    }

    public async Task<UserAccount?> FindByLoginAsync(string login, CancellationToken cancellationToken = default)
    {
        var column = login.Contains('@') ? "email" : "username";
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM users WHERE lower({column}) = lower($1)");
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

    public async Task CloseAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE users SET email = $2, username = $3, display_name = $4, avatar_url = NULL, password_hash = '', updated_at = $5, closed_at = $5
            WHERE id = $1
            """);
        var (email, username) = ClosedAccount.Placeholders(id);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(email);
        command.Parameters.AddWithValue(username);
        command.Parameters.AddWithValue(IUserStore.ClosedDisplayName);
        command.Parameters.AddWithValue(now);
        await command.ExecuteNonQueryAsync(cancellationToken);
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
        r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("updated_at")));
}
