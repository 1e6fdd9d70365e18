using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Geo;

/// <summary>
/// A weekly series shows once on the map and in every list, at its next unfinished occurrence: 84 pins on one spot are
/// noise, and a host's series does not fill the map. Its page still lists every occurrence.
/// </summary>
public sealed class SeriesOnceMapTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_twelve_week_daily_series_shows_once_until_its_first_occurrence_ends_then_the_next_shows()
    {
        await using var server = await RunningServer.StartAsync();
        var (host, _) = await server.SignUpAsync();
        var (viewer, viewerAuth) = await server.SignUpAsync();
        var (lat, lng) = AwayFromTileEdges(48.1, 11.5);
        var response = await host.PostAsJsonAsync("/api/series", new CreateSeriesRequest(
            new CreateSessionRequest("Reading group", "Literature", "silent", lat, lng, DateTimeOffset.UtcNow.AddMinutes(20), 60, 10),
            ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], 12, "UTC"));
        response.EnsureSuccessStatusCode();
        var series = (await response.Content.ReadFromJsonAsync<SeriesDto>())!;
        Assert.Equal(84, series.Sessions.Count);
        var (first, second) = (series.Sessions[0], series.Sessions[1]);

        await using var watcher = await HubListener.ConnectAsync(server, viewerAuth.Token);
        var watched = await watcher.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", lat, lng, 5.0);
        Assert.Equal([first.Id], watched.Items.Select(s => s.Id));
        await AssertShownAsync(viewer, lat, lng, first.Id, series.Id);

        // The host ends the first occurrence: the second takes its place, on the lists and on the watcher's map.
        (await host.PostAsync($"/api/sessions/{first.Id}/end", null)).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Task.FromResult(watcher.SessionChanges.Any(s => s.Id == second.Id)), Patience, "the second occurrence pushed");
        var removed = watcher.Events(HubEvents.SessionRemoved).Select(e => e.GetProperty("sessionId").GetGuid()).ToList();
        Assert.Equal([first.Id], removed);
        Assert.All(watcher.SessionChanges, s => Assert.Contains(s.Id, new[] { first.Id, second.Id }));
        await AssertShownAsync(viewer, lat, lng, second.Id, series.Id);

        // The series' own page still lists every occurrence.
        var page = (await viewer.GetFromJsonAsync<SeriesDto>($"/api/series/{series.Id}"))!;
        Assert.Equal(84, page.Sessions.Count);
    }

    /// <summary>Nearby, in-view (items and clusters) and in-area all show the one occurrence, once.</summary>
    private static async Task AssertShownAsync(HttpClient client, double lat, double lng, Guid shown, Guid seriesId)
    {
        var nearby = (await client.GetFromJsonAsync<ItemsDto<SessionDto>>(FormattableString.Invariant($"/api/sessions/nearby?lat={lat}&lng={lng}&radiusKm=5")))!;
        Assert.Equal([shown], nearby.Items.Select(s => s.Id));
        Assert.Equal(seriesId, nearby.Items[0].SeriesId);

        var box = FormattableString.Invariant($"{lng - 0.05},{lat - 0.05},{lng + 0.05},{lat + 0.05}");
        var items = (await client.GetFromJsonAsync<ViewPage>($"/api/sessions/in-view?bbox={box}&zoom=13"))!;
        Assert.Equal(1, items.Total);
        Assert.Equal([shown], items.Items.Select(s => s.Id));
        var wide = FormattableString.Invariant($"{lng - 8},{lat - 4},{lng + 8},{lat + 4}");
        var clusters = (await client.GetFromJsonAsync<ViewPage>($"/api/sessions/in-view?bbox={wide}&zoom=6"))!;
        Assert.Equal(1, clusters.Total);
        Assert.Equal(1, Assert.Single(clusters.Clusters!).Count);

        var square = new
        {
            type = "Polygon",
            coordinates = new[] { new[] { new[] { lng - 0.05, lat - 0.05 }, new[] { lng + 0.05, lat - 0.05 }, new[] { lng + 0.05, lat + 0.05 }, new[] { lng - 0.05, lat + 0.05 }, new[] { lng - 0.05, lat - 0.05 } } },
        };
        var area = (await (await client.PostAsJsonAsync("/api/sessions/in-area", square)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ItemsDto<SessionDto>>())!;
        Assert.Equal([shown], area.Items.Select(s => s.Id));
    }

    /// <summary>
    /// A venue whose 400 m ring of public positions lies inside one fine and one coarse tile, so every occurrence is in
    /// the same tiles whatever public position it draws.
    /// </summary>
    private static (double Lat, double Lng) AwayFromTileEdges(double lat, double lng)
    {
        const double MarginDegrees = 0.01; // about 1.1 km north-south; more east-west at these latitudes
        for (var step = 0; ; step++)
        {
            var (south, west, north, east) = GeoGrid.Fine.BoundsOf(GeoGrid.Fine.TileOf(lat + step / 10 * 0.18, lng + step % 10 * 0.2));
            var (centreLat, centreLng) = ((south + north) / 2, (west + east) / 2);
            var (cSouth, cWest, cNorth, cEast) = GeoGrid.Coarse.BoundsOf(GeoGrid.Coarse.TileOf(centreLat, centreLng));
            if (centreLat - cSouth > MarginDegrees && cNorth - centreLat > MarginDegrees && centreLng - cWest > 2 * MarginDegrees && cEast - centreLng > 2 * MarginDegrees)
                return (centreLat, centreLng);
        }
    }
}
