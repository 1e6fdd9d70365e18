using DeepWorkMap.Testing;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Geo;

namespace DeepWorkMap.IntegrationTests.Geo;

/// <summary>
/// Nearby search through real session and geo-cell grains on a 3-silo cluster, compared with a brute-force
/// oracle over every session: thousands of random sessions and queries, crowded at the antimeridian, the
/// poles, the equator and tile corners. Ids, order and distances must agree.
/// </summary>
public sealed class NearbySearchPropertyTests(NearbyWorld world) : IClassFixture<NearbyWorld>, IDisposable
{
    // One search for all of a test's queries, as a front door has: what it remembers of one query serves the next.
    private readonly OccupiedTiles _occupied = new(world.Cluster.Client);

    public void Dispose() => _occupied.Dispose();

    private async Task AssertAgreesAsync(NearbyQuery query)
    {
        var actual = await new NearbySearch(world.Cluster.Client, _occupied).SearchAsync(query);
        var expected = Oracle.Nearby(world.Sessions, query, DateTimeOffset.UtcNow);
        Assert.True(expected.Select(e => e.Id).SequenceEqual(actual.Select(a => a.Session.Id)),
            $"query {query}: expected {expected.Count} [{string.Join(", ", expected.Take(5).Select(e => e.Id))}…], got {actual.Count} [{string.Join(", ", actual.Take(5).Select(a => a.Session.Id))}…]");
        // Within a millimetre, as a tolerance: rounding both to 6 places fails when they straddle a rounding boundary
        // (11.0469894999994 against 11.0469895000009 did once).
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i].DistanceKm, actual[i].DistanceKm, 1e-6);
    }

    [Fact]
    public async Task Random_queries_agree_with_brute_force()
    {
        var random = new Random(77);
        for (var q = 0; q < 400; q++)
        {
            var (lat, lng) = q % 4 == 3
                ? (Math.Asin(2 * random.NextDouble() - 1) * 180 / Math.PI, random.NextDouble() * 360 - 180)
                : Oracle.Destination(NearbyWorld.Hotspots[q % NearbyWorld.Hotspots.Length].Lat, NearbyWorld.Hotspots[q % NearbyWorld.Hotspots.Length].Lng, random.NextDouble() * 360, random.NextDouble() * 40);
            var radius = q % 3 == 0 ? 100 : random.NextDouble() * 100 + 0.01;
            await AssertAgreesAsync(new NearbyQuery(lat, lng, radius,
                random.Next(4) == 0 ? SessionTypes.All.ElementAt(random.Next(3)) : null,
                random.Next(5) == 0 ? NearbyWorld.Subjects[random.Next(NearbyWorld.Subjects.Length)].ToUpperInvariant() : null,
                random.Next(4) == 0 ? (random.Next(2) == 0 ? SessionStatuses.Live : SessionStatuses.StartingSoon) : null,
                random.Next(3) == 0 ? 200 : 1 + random.Next(60)));
        }
    }

    [Theory]
    [InlineData(0, 180, 50)]
    [InlineData(0, -180, 100)]
    [InlineData(-33.9, -179.99, 30)]
    [InlineData(90, 0, 100)]
    [InlineData(89.99, 179, 10)]
    [InlineData(-90, 45, 100)]
    [InlineData(-89.95, -60, 8)]
    [InlineData(0, 0, 100)]
    [InlineData(0, 0, 5)]
    [InlineData(85.05112878, 10, 60)]
    [InlineData(-85.05, -100, 100)]
    [InlineData(48.8566, 2.3522, 100)]
    [InlineData(48.8566, 2.3522, 0.5)]
    public async Task Fixed_hard_cases_agree_with_brute_force(double lat, double lng, double radius)
    {
        await AssertAgreesAsync(new NearbyQuery(lat, lng, radius, null, null, null, 200));
        await AssertAgreesAsync(new NearbyQuery(lat, lng, radius, null, null, SessionStatuses.Live, 7));
    }
}
