using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.IntegrationTests.Sessions;
using DeepWorkMap.Server.Sessions;
using DeepWorkMap.Testing;
using Orleans.Runtime;

namespace DeepWorkMap.IntegrationTests.Geo;

/// <summary>
/// Map regions know which tiles show sessions: searching empty parts of the map wakes no tile, a country-wide view reads
/// a few dozen regions, and regions rebuilt from the catalog after a restart answer exactly what brute force does.
/// </summary>
public sealed class MapRegionTests
{
    [Fact]
    public async Task Searching_the_empty_map_wakes_no_tile_and_a_country_view_wakes_only_tiles_with_sessions()
    {
        await using var server = await RunningServer.StartAsync();
        var grains = server.Services.GetRequiredService<IGrainFactory>();
        var host = Guid.NewGuid();
        var places = new[] { (48.14, 11.58), (48.3, 11.2), (47.6, 12.9) };
        foreach (var (lat, lng) in places)
            Assert.Null((await grains.GetGrain<IStudySessionGrain>(Guid.NewGuid()).Create(SessionCommands.Valid(host, latitude: lat, longitude: lng))).Error);
        var management = grains.GetGrain<IManagementGrain>(0);
        async Task<int> ActivationsAsync(string type) => (await management.GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Split(',')[0].EndsWith("." + type, StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        var tilesWithSessions = await ActivationsAsync("GeoCellGrain");
        Assert.InRange(tilesWithSessions, 1, 2 * places.Length);

        using var client = server.CreateClient();
        // The widest views allowed, over the ocean and over the sessions; circles and a polygon where nothing is.
        var ocean = (await client.GetFromJsonAsync<ViewPage>("/api/sessions/in-view?bbox=-40,-10,-24,-2&zoom=6"))!;
        Assert.Equal(0, ocean.Total);
        var country = (await client.GetFromJsonAsync<ViewPage>("/api/sessions/in-view?bbox=4,44,20,52&zoom=6"))!;
        Assert.Equal(places.Length, country.Total);
        Assert.Equal(places.Length, country.Clusters!.Sum(c => c.Count));
        (await client.GetAsync("/api/sessions/in-view?bbox=-40,-10,-24,-2&zoom=6&subject=Mathematics")).EnsureSuccessStatusCode();
        (await client.GetAsync("/api/sessions/nearby?lat=-20&lng=-30&radiusKm=100")).EnsureSuccessStatusCode();
        (await client.GetAsync("/api/sessions/nearby?lat=-20&lng=-30&radiusKm=5")).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/sessions/in-area", new
        {
            type = "Polygon", coordinates = new[] { new[] { new[] { -40.0, -10.0 }, new[] { -24.0, -10.0 }, new[] { -24.0, -2.0 }, new[] { -40.0, -10.0 } } },
        })).EnsureSuccessStatusCode();

        Assert.Equal(tilesWithSessions, await ActivationsAsync("GeoCellGrain"));
        // Each view of ~4,000 coarse tiles asks a few dozen regions (two views, both far apart, and the circles' few).
        Assert.InRange(await ActivationsAsync("GeoRegionGrain"), 1, 150);
    }

    [Fact]
    public async Task Regions_rebuilt_from_the_catalog_after_a_restart_agree_with_brute_force()
    {
        await using var database = await TestDatabase.CreateAsync();
        var hosts = await TestUsers.CreateAsync(database, 4);
        var sessions = new List<SessionSnapshot>();
        var random = new Random(26);
        (double Lat, double Lng)[] spots = [(48.14, 11.58), (0.2, 179.9), (-33.9, -179.95), (89.9, 30), (52.5, 13.4)];
        await using (var first = await RunningServer.StartAsync(RunningServer.Durable(database)))
        {
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            for (var i = 0; i < 150; i++)
            {
                var spot = spots[i % spots.Length];
                var (lat, lng) = Oracle.Destination(spot.Lat, spot.Lng, random.NextDouble() * 360, random.NextDouble() * 80);
                var command = SessionCommands.Valid(hosts[i % hosts.Length], latitude: lat, longitude: lng, start: DateTimeOffset.UtcNow.AddMinutes(20 + random.Next(5000)));
                var outcome = await grains.GetGrain<IStudySessionGrain>(Guid.NewGuid()).Create(command);
                sessions.Add(outcome.Session!);
            }
            // Some end: the catalog says so, and they must not come back.
            for (var i = 0; i < sessions.Count; i += 7)
                sessions[i] = (await grains.GetGrain<IStudySessionGrain>(sessions[i].Id).End(sessions[i].HostId)).Session!;
        }

        await using var second = await RunningServer.StartAsync(RunningServer.Durable(database));
        var search = second.Services.GetRequiredService<ViewSearch>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 60; i++)
        {
            var spot = spots[i % spots.Length];
            var height = Math.Pow(10, random.NextDouble() * 2.6 - 1.5); // 0.03° to 13°
            var south = Math.Max(-90, spot.Lat - height * random.NextDouble());
            var north = Math.Min(90, south + height);
            var west = Wrap(spot.Lng - height * random.NextDouble());
            var east = Wrap(west + height * 1.5);
            var query = new ViewQuery(west, south, east, north, random.Next(3, 16), null, null, null, 200);
            if (ViewSearch.TileCountOf(query) > ViewSearch.MaxTiles || south >= north) continue;
            var expected = Oracle.InView(sessions, query, now);
            var counts = await search.CountAsync(query);
            Assert.True(expected.Count == counts.Sum(c => c.Count), $"{query}: {expected.Count} in the box, counted {counts.Sum(c => c.Count)}");
            Assert.Equal(expected.Count, ViewClusters.Of(counts, query.Zoom).Sum(c => c.Count));
            Assert.Equal(expected.Take(200), (await search.SearchAsync(query)).Select(s => s.Id));
        }
    }

    private static double Wrap(double longitude) => longitude >= 180 ? longitude - 360 : longitude < -180 ? longitude + 360 : longitude;
}
