using Npgsql;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// The <c>devices</c> and <c>device_refresh_tokens</c> tables. A rotation locks the device's row, so two racing uses of
/// one refresh token cannot both win: the second finds it rotated, and signs the device out.
/// </summary>
public sealed class PostgresDeviceStore(NpgsqlDataSource dataSource) : IDeviceStore
{
    private const string Columns = "id, user_id, created_at, last_used_at, network, user_agent, keep_signed_in, expires_at, revoked_at";

    public async Task<IReadOnlyList<Guid>> AddAsync(Device device, byte[] refreshHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var prune = new NpgsqlCommand(
            "DELETE FROM devices WHERE user_id = $1 AND COALESCE(revoked_at, expires_at) < $2", connection, transaction))
        {
            prune.Parameters.AddWithValue(device.UserId);
            prune.Parameters.AddWithValue(device.CreatedAt - DeviceRules.KeptAfterDeath);
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var insert = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command($"INSERT INTO devices ({Columns}) VALUES ($1, $2, $3, $3, $4, $5, $6, $7, NULL)",
                    device.Id, device.UserId, device.CreatedAt, device.Network, (object?)device.UserAgent ?? DBNull.Value, device.KeepSignedIn, device.ExpiresAt),
                Command("INSERT INTO device_refresh_tokens (token_hash, device_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                    refreshHash, device.Id, device.CreatedAt, device.ExpiresAt),
            },
        })
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var excess = new NpgsqlCommand("""
            UPDATE devices SET revoked_at = $2 WHERE id IN (
                SELECT id FROM devices WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
                ORDER BY last_used_at DESC OFFSET $3)
            RETURNING id
            """, connection, transaction);
        excess.Parameters.AddWithValue(device.UserId);
        excess.Parameters.AddWithValue(device.CreatedAt);
        excess.Parameters.AddWithValue(DeviceRules.MaxLivePerAccount);
        var revoked = await ReadIdsAsync(excess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return revoked;
    }

    public async Task<Guid?> OwnerOfAsync(byte[] hash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT d.user_id FROM device_refresh_tokens t JOIN devices d ON d.id = t.device_id
            WHERE t.token_hash = $1 AND t.rotated_at IS NULL AND t.expires_at > $2 AND d.revoked_at IS NULL
            """);
        command.Parameters.AddWithValue(hash);
        command.Parameters.AddWithValue(now);
        return await command.ExecuteScalarAsync(cancellationToken) is Guid owner ? owner : null;
    }

    public async Task<Rotation> RotateAsync(
        byte[] hash, byte[] nextHash, DateTimeOffset now, string network, string? userAgent, TimeSpan keptLifetime, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Device device;
        DateTimeOffset? rotatedAt;
        DateTimeOffset tokenExpiresAt;
        await using (var find = new NpgsqlCommand($"""
            SELECT {string.Join(", ", Columns.Split(", ").Select(c => "d." + c))}, t.rotated_at, t.expires_at
            FROM device_refresh_tokens t JOIN devices d ON d.id = t.device_id
            WHERE t.token_hash = $1
            FOR UPDATE OF d
            """, connection, transaction))
        {
            find.Parameters.AddWithValue(hash);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return new Rotation(RefreshOutcome.Refused, null);
            device = Read(reader);
            rotatedAt = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9);
            tokenExpiresAt = reader.GetFieldValue<DateTimeOffset>(10);
        }
        if (device.RevokedAt is not null) return new Rotation(RefreshOutcome.Refused, null);
        if (rotatedAt is not null)
        {
            await using var revoke = new NpgsqlCommand("UPDATE devices SET revoked_at = $2 WHERE id = $1", connection, transaction);
            revoke.Parameters.AddWithValue(device.Id);
            revoke.Parameters.AddWithValue(now);
            await revoke.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Rotation(RefreshOutcome.Reused, device with { RevokedAt = now });
        }
        if (tokenExpiresAt <= now) return new Rotation(RefreshOutcome.Refused, null);

        var expiresAt = now + DeviceRules.RefreshLifetime(device.KeepSignedIn, keptLifetime);
        await using (var rotate = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command("UPDATE device_refresh_tokens SET rotated_at = $2 WHERE token_hash = $1", hash, now),
                Command("INSERT INTO device_refresh_tokens (token_hash, device_id, created_at, expires_at) VALUES ($1, $2, $3, $4)", nextHash, device.Id, now, expiresAt),
                Command("DELETE FROM device_refresh_tokens WHERE device_id = $1 AND rotated_at IS NOT NULL AND expires_at < $2", device.Id, now),
                Command("UPDATE devices SET last_used_at = $2, network = $3, user_agent = $4, expires_at = $5 WHERE id = $1",
                    device.Id, now, network, (object?)userAgent ?? DBNull.Value, expiresAt),
            },
        })
        {
            await rotate.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new Rotation(RefreshOutcome.Rotated, device with { LastUsedAt = now, Network = network, UserAgent = userAgent, ExpiresAt = expiresAt });
    }

    public async Task<IReadOnlyList<Device>> LiveAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM devices WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY last_used_at DESC");
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var devices = new List<Device>();
        while (await reader.ReadAsync(cancellationToken)) devices.Add(Read(reader));
        return devices;
    }

    public async Task<IReadOnlyList<Guid>> RevokeAsync(
        Guid userId, IReadOnlyCollection<Guid>? deviceIds, Guid? except, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE devices SET revoked_at = $2
            WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND ($3::uuid[] IS NULL OR id = ANY($3)) AND ($4::uuid IS NULL OR id <> $4)
            RETURNING id
            """);
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(now);
        command.Parameters.Add(new NpgsqlParameter { Value = deviceIds is null ? DBNull.Value : deviceIds.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = except is { } id ? id : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        return await ReadIdsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<Guid>> RevokedSinceAsync(Guid userId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM devices WHERE user_id = $1 AND revoked_at > $2");
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(since);
        return await ReadIdsAsync(command, cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    private static async Task<IReadOnlyList<Guid>> ReadIdsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private static Device Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetFieldValue<DateTimeOffset>(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5), r.GetBoolean(6), r.GetFieldValue<DateTimeOffset>(7),
        r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8));
}
