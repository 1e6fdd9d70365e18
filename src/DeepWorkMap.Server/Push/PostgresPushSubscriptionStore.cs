using Npgsql;

namespace DeepWorkMap.Server.Push;

/// <summary>
/// <c>push_subscriptions</c>. Adding locks the account's row, so two front doors registering its browsers at once
/// cannot both pass the cap.
/// </summary>
public sealed class PostgresPushSubscriptionStore(NpgsqlDataSource dataSource) : IPushSubscriptionStore
{
    public async Task<PushSubscribeOutcome> AddAsync(Guid userId, PushEndpoint subscription, int maxPerUser, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockUser = new NpgsqlCommand("SELECT 1 FROM users WHERE id = $1 FOR UPDATE", connection, transaction))
        {
            lockUser.Parameters.AddWithValue(userId);
            await lockUser.ExecuteScalarAsync(cancellationToken);
        }
        await using (var renew = new NpgsqlCommand("UPDATE push_subscriptions SET p256dh = $3, auth = $4 WHERE user_id = $1 AND endpoint = $2", connection, transaction))
        {
            renew.Parameters.AddWithValue(userId);
            renew.Parameters.AddWithValue(subscription.Endpoint);
            renew.Parameters.AddWithValue(subscription.P256dh);
            renew.Parameters.AddWithValue(subscription.Auth);
            if (await renew.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                await transaction.CommitAsync(cancellationToken);
                return PushSubscribeOutcome.Renewed;
            }
        }
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM push_subscriptions WHERE user_id = $1", connection, transaction))
        {
            count.Parameters.AddWithValue(userId);
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! >= maxPerUser) return PushSubscribeOutcome.LimitReached;
        }
        // An endpoint another account held moves here: whoever subscribed the browser last is who it hears.
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, created_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth, created_at = excluded.created_at
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue(userId);
            insert.Parameters.AddWithValue(subscription.Endpoint);
            insert.Parameters.AddWithValue(subscription.P256dh);
            insert.Parameters.AddWithValue(subscription.Auth);
            insert.Parameters.AddWithValue(now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return PushSubscribeOutcome.Added;
    }

    public async Task<bool> RemoveAsync(Guid userId, string endpoint, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2");
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(endpoint);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task RemoveAllAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM push_subscriptions WHERE user_id = $1");
        command.Parameters.AddWithValue(userId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RemoveGoneAsync(long subscriptionId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM push_subscriptions WHERE id = $1");
        command.Parameters.AddWithValue(subscriptionId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> EndpointsAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT endpoint FROM push_subscriptions WHERE user_id = $1 ORDER BY id");
        command.Parameters.AddWithValue(userId);
        var endpoints = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) endpoints.Add(reader.GetString(0));
        return endpoints;
    }
}
