using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Users;
using Npgsql;

namespace DeepWorkMap.Server.Notifications;

/// <summary>The <c>user_preferences</c> table; written only by the user's grain.</summary>
public sealed class PostgresPreferencesStore(NpgsqlDataSource dataSource) : IPreferencesStore
{
    public async Task<(UserPreferences Preferences, string? FeedToken)> LoadAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT reminder_minutes, muted_kinds, time_zone, home_latitude, home_longitude, home_radius_km, stats_hidden, calendar_feed_token, email_kinds
            FROM user_preferences WHERE user_id = $1
            """);
        command.Parameters.AddWithValue(userId);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        if (!await r.ReadAsync(cancellationToken)) return (UserPreferences.Default, null);
        int? Int(string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetFieldValue<int>(r.GetOrdinal(column));
        double? Number(string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetFieldValue<double>(r.GetOrdinal(column));
        var home = Number("home_latitude") is { } lat && Number("home_longitude") is { } lng && Number("home_radius_km") is { } radius
            ? new HomeArea(lat, lng, radius) : null;
        var preferences = new UserPreferences(Int("reminder_minutes"), r.GetFieldValue<string[]>(r.GetOrdinal("muted_kinds")),
            r.GetFieldValue<string>(r.GetOrdinal("time_zone")), home, r.GetFieldValue<bool>(r.GetOrdinal("stats_hidden")),
            r.IsDBNull(r.GetOrdinal("email_kinds")) ? null : r.GetFieldValue<string[]>(r.GetOrdinal("email_kinds")));
        var token = r.IsDBNull(r.GetOrdinal("calendar_feed_token")) ? null : r.GetFieldValue<string>(r.GetOrdinal("calendar_feed_token"));
        return (preferences, token);
    }

    public async Task SaveAsync(Guid userId, UserPreferences preferences, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO user_preferences (user_id, reminder_minutes, muted_kinds, time_zone, home_latitude, home_longitude, home_radius_km, stats_hidden, email_kinds, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
            ON CONFLICT (user_id) DO UPDATE SET
                reminder_minutes = EXCLUDED.reminder_minutes, muted_kinds = EXCLUDED.muted_kinds, time_zone = EXCLUDED.time_zone,
                home_latitude = EXCLUDED.home_latitude, home_longitude = EXCLUDED.home_longitude, home_radius_km = EXCLUDED.home_radius_km,
                stats_hidden = EXCLUDED.stats_hidden, email_kinds = EXCLUDED.email_kinds, updated_at = now()
            """);
        var p = command.Parameters;
        p.AddWithValue(userId);
        p.Add(new NpgsqlParameter { Value = (object?)preferences.ReminderMinutes ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        p.AddWithValue(preferences.MutedKinds.ToArray());
        p.AddWithValue(preferences.TimeZone);
        foreach (var value in new double?[] { preferences.HomeArea?.Latitude, preferences.HomeArea?.Longitude, preferences.HomeArea?.RadiusKm })
            p.Add(new NpgsqlParameter { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Double });
        p.AddWithValue(preferences.StatsHidden);
        p.Add(new NpgsqlParameter { Value = (object?)preferences.EmailKinds?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SaveFeedTokenAsync(Guid userId, string token, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO user_preferences (user_id, calendar_feed_token) VALUES ($1, $2)
            ON CONFLICT (user_id) DO UPDATE SET calendar_feed_token = EXCLUDED.calendar_feed_token, updated_at = now()
            """);
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(token);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Guid?> FeedOwnerAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT user_id FROM user_preferences WHERE calendar_feed_token = $1");
        command.Parameters.AddWithValue(token);
        return await command.ExecuteScalarAsync(cancellationToken) is Guid owner ? owner : null;
    }
}
