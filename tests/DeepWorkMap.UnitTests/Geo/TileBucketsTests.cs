using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Geo;

namespace DeepWorkMap.UnitTests.Geo;

/// <summary>
/// A fine tile's buckets read back as one list in start order (then id), whatever was added, moved or removed:
/// searches stop at their limit on that order, so a session out of place would be missed or shown on the wrong page.
/// </summary>
public sealed class TileBucketsTests
{
    private const double CentreLat = 52.52, CentreLng = 13.405;
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sessions_of_many_buckets_come_in_start_order_after_puts_moves_and_deletes()
    {
        var tile = GeoGrid.Fine.TileOf(CentreLat, CentreLng);
        var buckets = new TileBuckets(GeoGrid.Bucket, GeoGrid.Fine.BoundsOf(tile));
        var (south, west, north, east) = GeoGrid.Fine.BoundsOf(tile);
        var random = new Random(31);
        var held = new Dictionary<Guid, SessionSnapshot>();
        SessionSnapshot Somewhere(Guid id, int startSlot) =>
            Session(id, south + random.NextDouble() * (north - south), west + random.NextDouble() * (east - west), Now.AddMinutes(startSlot));

        for (var i = 0; i < 3000; i++)
        {
            // Few start slots, so many sessions share a start and only their ids order them.
            var session = Somewhere(Guid.NewGuid(), random.Next(200));
            buckets.Put(session);
            held[session.Id] = session;
        }
        foreach (var id in held.Keys.Where((_, i) => i % 3 == 0).ToList())
        {
            // A third move (another place and start); half of those then leave.
            var moved = Somewhere(id, random.Next(200));
            buckets.Put(moved);
            held[id] = moved;
            if (random.Next(2) == 0)
            {
                buckets.Delete(id);
                held.Remove(id);
            }
        }

        var query = new NearbyQuery(CentreLat, CentreLng, 8, null, null, null, 50);
        var read = buckets.InStartOrder(query).ToList();
        Assert.True(read.Count > 500, $"the circle should touch many buckets' sessions, read {read.Count}");
        Assert.Equal(read.Count, read.Select(s => s.Id).Distinct().Count());
        Assert.All(read, s => Assert.Same(held[s.Id], s));
        Assert.Equal(read.OrderBy(s => s.StartTime).ThenBy(s => s.Id).Select(s => s.Id), read.Select(s => s.Id));
        // Every held session in a bucket the circle touches is read: none is lost by a move or a delete.
        var touched = GeoGrid.Bucket.Cover(CentreLat, CentreLng, 8).ToHashSet();
        Assert.Equal(held.Values.Count(s => touched.Contains(GeoGrid.Bucket.TileOf(s.Latitude, s.Longitude))), read.Count);
        Assert.Equal(held.Count, buckets.Count);
        Assert.Equal(held.Values.Sum(s => s.Latitude), buckets.Summary().LatitudeSum, 6);
    }

    private static SessionSnapshot Session(Guid id, double latitude, double longitude, DateTimeOffset start) =>
        new(id, Guid.Empty, "Session", "Subject", "silent", SessionStatuses.StartingSoon, latitude, longitude, start, start.AddHours(2),
            120, 10, 1, Now, Now);
}
