using DeepWorkMap.Testing;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Server.Sessions;

namespace DeepWorkMap.IntegrationTests.Geo;

/// <summary>
/// Viewport search through real session and geo-cell grains on a 3-silo cluster, against a brute-force oracle over
/// every session: random boxes of every size around the hard places (the antimeridian, the poles, tile corners).
/// The count, each cluster's share of it, and the first page must all agree.
/// </summary>
public sealed class ViewSearchPropertyTests(NearbyWorld world) : IClassFixture<NearbyWorld>
{
    private async Task AssertAgreesAsync(ViewQuery query)
    {
        var search = new ViewSearch(world.Cluster.Client);
        var expected = Oracle.InView(world.Sessions, query with { After = null }, DateTimeOffset.UtcNow);
        var counts = await search.CountAsync(query with { After = null });
        Assert.True(expected.Count == counts.Sum(c => c.Count), $"{query}: {expected.Count} in the box, counted {counts.Sum(c => c.Count)}");
        var clusters = ViewClusters.Of(counts, query.Zoom);
        Assert.Equal(expected.Count, clusters.Sum(c => c.Count));
        Assert.All(clusters, c => Assert.True(c.Latitude >= c.Bbox[1] - 1e-9 && c.Latitude <= c.Bbox[3] + 1e-9, $"{c} lies in its bbox"));

        var page = await search.SearchAsync(query);
        var pageExpected = Oracle.InView(world.Sessions, query, DateTimeOffset.UtcNow).Take(query.Limit).ToList();
        Assert.True(pageExpected.SequenceEqual(page.Select(s => s.Id)), $"{query}: expected [{string.Join(", ", pageExpected.Take(3))}…] ({pageExpected.Count}), got {page.Count}");
    }

    [Fact]
    public async Task Random_boxes_agree_with_brute_force()
    {
        var random = new Random(2027);
        var checkedBoxes = 0;
        while (checkedBoxes < 300)
        {
            var (lat, lng) = NearbyWorld.Hotspots[random.Next(NearbyWorld.Hotspots.Length)];
            var height = Math.Pow(10, random.NextDouble() * 3.3 - 2); // 0.01° to 20°
            var width = height * (0.5 + 2 * random.NextDouble());
            var south = Math.Max(-90, lat - height * random.NextDouble());
            var north = Math.Min(90, south + height);
            var west = Wrap(lng - width * random.NextDouble());
            var east = Wrap(west + Math.Min(width, 359));
            if (south >= north || west == east) continue;
            var query = new ViewQuery(west, south, east, north, random.Next(23),
                random.Next(4) == 0 ? SessionTypes.All.ElementAt(random.Next(3)) : null,
                random.Next(5) == 0 ? NearbyWorld.Subjects[random.Next(NearbyWorld.Subjects.Length)] : null,
                random.Next(4) == 0 ? SessionStatuses.Live : null,
                random.Next(3) == 0 ? 200 : 1 + random.Next(60));
            if (ViewSearch.TilesOf(query).Count > ViewSearch.MaxTiles) continue;
            await AssertAgreesAsync(query);
            checkedBoxes++;
        }
    }

    [Theory]
    [InlineData(179, -1, -179, 1)]        // across the antimeridian
    [InlineData(170, -40, -170, -30)]
    [InlineData(-180, -2, -179.9, 2)]      // the antimeridian's west edge
    [InlineData(179.9, -2, 180, 2)]
    [InlineData(-180, 88, 180, 90)]        // the north cap, every longitude
    [InlineData(-10, -90, 10, -89.5)]      // a slice of the south pole
    [InlineData(2.2, 48.8, 2.5, 48.9)]     // a city
    [InlineData(-0.5, -0.5, 0.5, 0.5)]     // the equator's crossing
    public async Task Fixed_hard_boxes_agree_with_brute_force(double west, double south, double east, double north)
    {
        await AssertAgreesAsync(new ViewQuery(west, south, east, north, 12, null, null, null, 200));
        await AssertAgreesAsync(new ViewQuery(west, south, east, north, 4, null, null, SessionStatuses.Live, 5));
        var firstPage = await new ViewSearch(world.Cluster.Client).SearchAsync(new ViewQuery(west, south, east, north, 12, null, null, null, 3));
        if (firstPage.Count == 3)
            await AssertAgreesAsync(new ViewQuery(west, south, east, north, 12, null, null, null, 3, new NearbyCursor(firstPage[^1].StartTime, firstPage[^1].Id)));
    }

    private static double Wrap(double longitude) => longitude >= 180 ? longitude - 360 : longitude < -180 ? longitude + 360 : longitude;
}
