using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Geo;

/// <summary>An upgrade that changes the tile grid must not hide the sessions already in the catalog.</summary>
public sealed class TileKeyUpgradeTests
{
    [Fact]
    public async Task Sessions_keyed_by_an_older_grid_are_re_keyed_at_start_up_and_found_by_nearby_search()
    {
        await using var database = await TestDatabase.CreateAsync();
        var host = (await TestUsers.CreateAsync(database, 1))[0];
        var id = Guid.NewGuid();
        var start = DateTimeOffset.UtcNow.AddMinutes(10);
        await using (var insert = database.DataSource.CreateCommand("""
            INSERT INTO study_sessions (id, host_id, title, subject, session_type, status, latitude, longitude, venue_latitude, venue_longitude,
                                        tile_key, coarse_tile_key, start_time, duration_minutes, end_time, max_participants, current_participants)
            VALUES ($1, $2, 'Written by an older version', 'History', 'silent', 'starting-soon', 48.8566, 2.3522, 48.8566, 2.3522, 'f2912:3360', 'c291:336',
                    $3, 60, $4, 10, 1)
            """))
        {
            insert.Parameters.AddWithValue(id);
            insert.Parameters.AddWithValue(host);
            insert.Parameters.AddWithValue(start);
            insert.Parameters.AddWithValue(start.AddMinutes(60));
            await insert.ExecuteNonQueryAsync();
        }

        await using var server = await RunningServer.StartAsync(RunningServer.Durable(database));

        // Keyed by where the row now says it is (start-up also gives it its cell's public position).
        var (fine, coarse) = GeoGrid.TilesOf(
            await database.ScalarAsync<double>("SELECT latitude FROM study_sessions WHERE id = $1", id),
            await database.ScalarAsync<double>("SELECT longitude FROM study_sessions WHERE id = $1", id));
        Assert.Equal(fine, await database.ScalarAsync<string>("SELECT tile_key FROM study_sessions WHERE id = $1", id));
        Assert.Equal(coarse, await database.ScalarAsync<string>("SELECT coarse_tile_key FROM study_sessions WHERE id = $1", id));
        using var client = server.CreateClient();
        foreach (var radius in new[] { 5, 50 })
        {
            var found = (await client.GetFromJsonAsync<ItemsDto<SessionDto>>($"/api/sessions/nearby?lat=48.86&lng=2.35&radiusKm={radius}"))!;
            Assert.Contains(found.Items, s => s.Id == id);
        }
    }
}
