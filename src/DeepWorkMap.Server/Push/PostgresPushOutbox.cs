using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Server.Notifications;
using Npgsql;

namespace DeepWorkMap.Server.Push;

/// <summary>
/// Notifications with no <c>pushed_at</c>, taken with <c>FOR UPDATE SKIP LOCKED</c> so every front door can push
/// without two taking the same one; their deliveries in <c>push_deliveries</c>, claimed the same way and leased.
/// </summary>
public sealed class PostgresPushOutbox(NpgsqlDataSource dataSource) : IPushOutbox
{
    public async Task<int> EnqueueAsync(int max, Func<PushableNotification, string?> compose, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var taken = new List<PushableNotification>();
        await using (var select = new NpgsqlCommand($"""
            SELECT {string.Join(", ", PostgresNotificationStore.Columns.Split(", ").Select(column => "n." + column))},
                   u.closed_at IS NULL AND u.suspended_at IS NULL AS may_receive,
                   coalesce(p.muted_kinds, ARRAY[]::text[]) AS muted_kinds, coalesce(p.time_zone, 'UTC') AS time_zone
            FROM notifications n
            JOIN users u ON u.id = n.user_id
            LEFT JOIN user_preferences p ON p.user_id = n.user_id
            WHERE n.pushed_at IS NULL
            ORDER BY n.created_at LIMIT $1
            FOR UPDATE OF n SKIP LOCKED
            """, connection, transaction))
        {
            select.Parameters.AddWithValue(max);
            await using var r = await select.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
                taken.Add(new PushableNotification(PostgresNotificationStore.Read(r), r.GetFieldValue<bool>(r.GetOrdinal("may_receive")),
                    r.GetFieldValue<string[]>(r.GetOrdinal("muted_kinds")), r.GetFieldValue<string>(r.GetOrdinal("time_zone"))));
        }
        if (taken.Count == 0) return 0;

        var pushed = taken.Select(t => (t.Notification, Payload: compose(t))).Where(t => t.Payload is not null).ToList();
        if (pushed.Count > 0)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO push_deliveries (subscription_id, payload, next_attempt_at)
                SELECT s.id, t.payload, $3 FROM unnest($1::uuid[], $2::text[]) AS t(user_id, payload)
                JOIN push_subscriptions s ON s.user_id = t.user_id
                """, connection, transaction);
            insert.Parameters.AddWithValue(pushed.Select(p => p.Notification.UserId).ToArray());
            insert.Parameters.AddWithValue(pushed.Select(p => p.Payload!).ToArray());
            insert.Parameters.AddWithValue(now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var mark = new NpgsqlCommand("UPDATE notifications SET pushed_at = $2 WHERE id = ANY($1)", connection, transaction))
        {
            mark.Parameters.AddWithValue(taken.Select(t => t.Notification.Id).ToArray());
            mark.Parameters.AddWithValue(now);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return taken.Count;
    }

    public async Task<IReadOnlyList<PushDelivery>> ClaimAsync(int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH due AS (
                SELECT id FROM push_deliveries
                WHERE next_attempt_at <= $1 AND (leased_until IS NULL OR leased_until < $1)
                ORDER BY next_attempt_at LIMIT $2
                FOR UPDATE SKIP LOCKED)
            UPDATE push_deliveries d SET leased_until = $3
            FROM due, push_subscriptions s
            WHERE d.id = due.id AND s.id = d.subscription_id
            RETURNING d.id, d.subscription_id, s.endpoint, s.p256dh, s.auth, d.payload, d.attempts
            """);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(max);
        command.Parameters.AddWithValue(now + lease);
        var claimed = new List<PushDelivery>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
            claimed.Add(new PushDelivery(r.GetInt64(0), r.GetInt64(1), new PushEndpoint(r.GetString(2), r.GetString(3), r.GetString(4)), r.GetString(5), r.GetInt32(6)));
        return claimed;
    }

    public async Task DoneAsync(long deliveryId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM push_deliveries WHERE id = $1");
        command.Parameters.AddWithValue(deliveryId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RetryAsync(long deliveryId, int attempts, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE push_deliveries SET attempts = $2, next_attempt_at = $3, leased_until = NULL WHERE id = $1");
        command.Parameters.AddWithValue(deliveryId);
        command.Parameters.AddWithValue(attempts);
        command.Parameters.AddWithValue(at);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
