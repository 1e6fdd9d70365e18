using DeepWorkMap.Server.Persistence;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.Testing;

namespace DeepWorkMap.IntegrationTests.Hosting;

/// <summary>A database made by the schema scripts from before they were versioned migrates in place, keeping its data; its sessions get public positions.</summary>
public sealed class SchemaUpgradeTests
{
    [Fact]
    public async Task A_database_from_the_unversioned_scripts_upgrades_in_place_and_keeps_its_rows()
    {
        await using var database = await TestDatabase.CreateAsync(applySchema: false);
        await MakeAsTheUnversionedScriptsDidAsync(database);
        var user = (await TestUsers.CreateAsync(database, 1))[0];
        var sessionId = Guid.NewGuid();
        await database.ScalarAsync<int>("""
            INSERT INTO study_sessions (id, host_id, title, subject, session_type, latitude, longitude, tile_key, coarse_tile_key,
                                        start_time, duration_minutes, end_time, max_participants, current_participants)
            VALUES ($1, $2, 'Linear algebra', 'math', 'silent', 48.85, 2.35, 'f0:0', 'c0:0', now(), 60, now() + interval '1 hour', 10, 1)
            RETURNING 1
            """, sessionId, user);
        await database.ScalarAsync<int>("INSERT INTO chat_messages (id, session_id, seq, user_id, content) VALUES ($1, $2, 1, $3, 'kept') RETURNING 1",
            Guid.NewGuid(), sessionId, user);

        var migrations = new SchemaMigrations(database.DataSource);
        var applied = await migrations.UpgradeAsync();

        Assert.Equal(SchemaMigrations.Scripts().Select(s => s.Name), applied);
        Assert.Empty(await migrations.PendingAsync());
        Assert.Equal("kept", await database.ScalarAsync<string>("SELECT content FROM chat_messages WHERE session_id = $1", sessionId));
        Assert.Equal(1, await database.ScalarAsync<int>("SELECT current_participants FROM study_sessions WHERE id = $1", sessionId));
        Assert.Equal((48.85, 2.35), (await database.ScalarAsync<double>("SELECT venue_latitude FROM study_sessions WHERE id = $1", sessionId),
            await database.ScalarAsync<double>("SELECT venue_longitude FROM study_sessions WHERE id = $1", sessionId)));
        var publicLat = await database.ScalarAsync<double>("SELECT latitude FROM study_sessions WHERE id = $1", sessionId);
        var publicLng = await database.ScalarAsync<double>("SELECT longitude FROM study_sessions WHERE id = $1", sessionId);
        Assert.InRange(Oracle.DistanceKm(48.85, 2.35, publicLat, publicLng) * 1000, 99.9, 400.1);
        Assert.False(await database.ScalarAsync<bool>("SELECT to_regclass('active_sessions_view') IS NOT NULL"));
        Assert.False(await database.ScalarAsync<bool>("SELECT to_regclass('idx_chat_user') IS NOT NULL"));
    }

    /// <summary>
    /// What a database looked like before migrations were journaled: the first two scripts run bare, plus the
    /// view and index those scripts used to create and the third migration removes.
    /// </summary>
    private static async Task MakeAsTheUnversionedScriptsDidAsync(TestDatabase database)
    {
        foreach (var script in SchemaMigrations.Scripts().Take(2))
            await database.ScalarAsync<object>(script.Contents + "\nSELECT 1;");
        await database.ScalarAsync<object>("""
            CREATE INDEX idx_chat_user ON chat_messages (user_id, created_at DESC);
            CREATE VIEW active_sessions_view AS SELECT s.*, u.username AS host_username FROM study_sessions s JOIN users u ON s.host_id = u.id;
            SELECT 1;
            """);
    }
}
