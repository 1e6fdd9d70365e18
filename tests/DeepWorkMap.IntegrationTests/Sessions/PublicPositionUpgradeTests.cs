using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.Server.Sessions;
using DeepWorkMap.Testing;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>
/// Sessions stored with a public position that is not their cell's (an earlier version drew one at random per session)
/// show their cell's after an upgrade: the catalog at start-up, before the map tiles read it, and each grain when it
/// activates. On PostgreSQL, with the key the silo made there.
/// </summary>
public sealed class PublicPositionUpgradeTests
{
    private static readonly (double Lat, double Lng) Venue = (48.85661, 2.35222);

    [Fact]
    public async Task A_catalog_row_with_a_random_position_gets_its_cells_at_start_up_and_the_map_shows_it_there()
    {
        await using var database = await TestDatabase.CreateAsync();
        var host = (await TestUsers.CreateAsync(database, 1))[0];
        var id = Guid.NewGuid();
        var old = Oracle.Destination(Venue.Lat, Venue.Lng, 200, 0.3);
        var start = DateTimeOffset.UtcNow.AddMinutes(10);
        await database.ScalarAsync<int>("""
            INSERT INTO study_sessions (id, host_id, title, subject, session_type, status, latitude, longitude, venue_latitude, venue_longitude,
                                        tile_key, coarse_tile_key, start_time, duration_minutes, end_time, max_participants, current_participants)
            VALUES ($1, $2, 'Stored by an earlier version', 'History', 'silent', 'starting-soon', $3, $4, $5, $6, $7, $8, $9, 60, $10, 10, 1)
            RETURNING 1
            """, id, host, old.Lat, old.Lng, Venue.Lat, Venue.Lng, GeoGrid.Fine.TileOf(old.Lat, old.Lng), GeoGrid.Coarse.TileOf(old.Lat, old.Lng),
            start, start.AddMinutes(60));

        await using var server = await RunningServer.StartAsync(RunningServer.Durable(database));

        var cloaked = PublicPosition.Of(Venue.Lat, Venue.Lng, await KeyAsync(database));
        Assert.Equal(cloaked, await CatalogPositionAsync(database, id));
        Assert.Equal(GeoGrid.Fine.TileOf(cloaked.Latitude, cloaked.Longitude), await database.ScalarAsync<string>("SELECT tile_key FROM study_sessions WHERE id = $1", id));
        using var anonymous = server.CreateClient();
        Assert.Equal(Shown(cloaked), Position(Assert.Single(await NearbyAsync(anonymous, Venue, 2), s => s.Id == id)));
        Assert.DoesNotContain(await NearbyAsync(anonymous, old, 0.05), s => s.Id == id);
    }

    [Fact]
    public async Task A_session_grain_stored_with_another_position_adopts_its_cells_on_activation_in_its_state_catalog_and_map_tiles()
    {
        await using var database = await TestDatabase.CreateAsync();
        Guid id;
        (double Lat, double Lng) stored;
        await using (var first = await RunningServer.StartAsync(RunningServer.Durable(database)))
        {
            var (host, _) = await first.SignUpAsync();
            var created = await RunningServer.CreateSessionAsync(host, Venue.Lat, Venue.Lng, startInMinutes: 60);
            (id, stored) = (created.Id, Position(created));
        }
        // Another key stands for the earlier version's random draw: the grain's stored position is then not its cell's.
        // (A real deployment never changes its key; see docs/operations.md.)
        PublicPositionKey key;
        (double Latitude, double Longitude) cloaked;
        do
        {
            key = PublicPositionKey.NewRandom();
            cloaked = PublicPosition.Of(Venue.Lat, Venue.Lng, key);
        }
        while (Oracle.DistanceKm(stored.Lat, stored.Lng, cloaked.Latitude, cloaked.Longitude) < 0.3);
        await database.ScalarAsync<int>("UPDATE public_position_key SET secret = $1 RETURNING 1", key.Secret.ToArray());

        await using var second = await RunningServer.StartAsync(RunningServer.Durable(database));
        // As if the start-up refresh had not reached the row: the catalog, and so the map tile, still hold the stored position.
        await database.ScalarAsync<int>("UPDATE study_sessions SET latitude = $2, longitude = $3, tile_key = $4, coarse_tile_key = $5 WHERE id = $1 RETURNING 1",
            id, stored.Lat, stored.Lng, GeoGrid.Fine.TileOf(stored.Lat, stored.Lng), GeoGrid.Coarse.TileOf(stored.Lat, stored.Lng));
        using var anonymous = second.CreateClient();
        Assert.Contains(await NearbyAsync(anonymous, stored, 0.05), s => s.Id == id);

        var read = (await anonymous.GetFromJsonAsync<SessionDto>($"/api/sessions/{id}"))!;

        Assert.Equal(Shown(cloaked), Position(read));
        Assert.Equal(cloaked, await CatalogPositionAsync(database, id));
        Assert.DoesNotContain(await NearbyAsync(anonymous, stored, 0.05), s => s.Id == id);
        Assert.Equal(Shown(cloaked), Position(Assert.Single(await NearbyAsync(anonymous, cloaked, 0.05), s => s.Id == id)));
    }

    private static async Task<PublicPositionKey> KeyAsync(TestDatabase database) =>
        new(await database.ScalarAsync<byte[]>("SELECT secret FROM public_position_key"));

    private static async Task<(double, double)> CatalogPositionAsync(TestDatabase database, Guid id) =>
        (await database.ScalarAsync<double>("SELECT latitude FROM study_sessions WHERE id = $1", id),
         await database.ScalarAsync<double>("SELECT longitude FROM study_sessions WHERE id = $1", id));

    private static async Task<IReadOnlyList<SessionDto>> NearbyAsync(HttpClient client, (double Lat, double Lng) centre, double radiusKm) =>
        (await client.GetFromJsonAsync<SessionPage>(FormattableString.Invariant(
            $"/api/sessions/nearby?lat={centre.Lat}&lng={centre.Lng}&radiusKm={radiusKm}&limit=200")))!.Items;

    private static (double, double) Position(SessionDto session) => (session.Latitude, session.Longitude);

    /// <summary>A public position as answers give it (docs/api.md: to 6 decimals).</summary>
    private static (double, double) Shown((double Latitude, double Longitude) position) =>
        (ShownCoordinates.Of(position.Latitude), ShownCoordinates.Of(position.Longitude));
}
