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
        // Every held session in the circle is read: none is lost by a move or a delete.
        var inCircle = held.Values.Where(s => Haversine.DistanceKm(CentreLat, CentreLng, s.Latitude, s.Longitude) <= 8).Select(s => s.Id).ToHashSet();
        Assert.Subset(read.Select(s => s.Id).ToHashSet(), inCircle);
        Assert.Equal(held.Count, buckets.Count);
        Assert.Equal(held.Values.Sum(s => s.Latitude), buckets.Summary().LatitudeSum, 6);
    }

    /// <summary>
    /// The buckets in the corners of a circle's bounding box lie wholly outside it: a search reads none of their sessions,
    /// and still every session in the circle, wherever the circle is (on a bucket's edge, across the antimeridian, far north).
    /// </summary>
    [Theory]
    [InlineData(52.52, 13.405, 5)]
    [InlineData(52.5, 13.4, 10)]
    [InlineData(-33.87, 151.21, 2.5)]
    [InlineData(0.01, 179.99, 5)]
    [InlineData(79.9, -45.3, 8)]
    public void A_search_reads_every_session_in_its_circle_and_none_of_the_buckets_beyond_it(double lat, double lng, double radiusKm)
    {
        var random = new Random(7);
        var tiles = GeoGrid.Fine.Cover(lat, lng, radiusKm).ToDictionary(t => t, t => new TileBuckets(GeoGrid.Bucket, GeoGrid.Fine.BoundsOf(t)));
        var reach = radiusKm * 1.5 / 111.0;
        var all = new List<SessionSnapshot>();
        for (var i = 0; i < 4000; i++)
        {
            var sessionLat = Math.Clamp(lat + (random.NextDouble() * 2 - 1) * reach, -90, 90);
            var sessionLng = lng + (random.NextDouble() * 2 - 1) * reach / Math.Cos(lat * Math.PI / 180);
            sessionLng = sessionLng > 180 ? sessionLng - 360 : sessionLng;
            var session = Session(Guid.NewGuid(), sessionLat, sessionLng, Now.AddMinutes(random.Next(500)));
            if (!tiles.TryGetValue(GeoGrid.Fine.TileOf(sessionLat, sessionLng), out var tile)) continue;
            tile.Put(session);
            all.Add(session);
        }

        var query = new NearbyQuery(lat, lng, radiusKm, null, null, null, 50);
        var read = tiles.Values.SelectMany(tile => tile.InStartOrder(query)).Select(s => s.Id).ToHashSet();
        var inCircle = all.Where(s => Haversine.DistanceKm(lat, lng, s.Latitude, s.Longitude) <= radiusKm).Select(s => s.Id).ToHashSet();
        Assert.Subset(read, inCircle);
        var boundingBox = GeoGrid.Bucket.Cover(lat, lng, radiusKm).ToHashSet();
        var inBox = all.Count(s => boundingBox.Contains(GeoGrid.Bucket.TileOf(s.Latitude, s.Longitude)));
        if (Math.Abs(lat) < 80) Assert.True(read.Count < inBox, $"read {read.Count} of the {inBox} sessions in the circle's box of buckets ({inCircle.Count} in the circle)");
    }

    /// <summary>
    /// A fine tile answers from its own start-ordered list while that is cheap and from its buckets past that point: either
    /// way a search gets exactly the first sessions in order that a look at every session held would give, for circles and
    /// boxes in a dense corner and in the sparse rest, at every limit and from every cursor, after seats change (a record
    /// replaced at its place) and sessions move.
    /// </summary>
    [Fact]
    public void A_tile_answers_exactly_the_first_matches_in_order_whether_it_scans_its_list_or_reads_on_from_its_buckets()
    {
        var tile = GeoGrid.Fine.TileOf(CentreLat, CentreLng);
        var bounds = GeoGrid.Fine.BoundsOf(tile);
        var (south, west, north, east) = bounds;
        var buckets = new TileBuckets(GeoGrid.Bucket, bounds);
        var random = new Random(17);
        var held = new Dictionary<Guid, SessionSnapshot>();
        SessionSnapshot Somewhere(Guid id)
        {
            // Two in three in a dense corner a tenth of the tile wide, the rest anywhere; few start slots, so ids order many.
            var (s, w, n, e) = random.Next(3) < 2 ? (south, west, south + (north - south) / 10, west + (east - west) / 10) : bounds;
            return Session(id, s + random.NextDouble() * (n - s), w + random.NextDouble() * (e - w), Now.AddMinutes(10 + random.Next(300)));
        }
        for (var i = 0; i < 4000; i++)
        {
            var session = Somewhere(Guid.NewGuid());
            buckets.Put(session);
            held[session.Id] = session;
        }
        foreach (var id in held.Keys.Where((_, i) => i % 4 == 0).ToList())
        {
            // A quarter change: half take a seat (the same start and place, a new record), half move; some then leave.
            var changed = random.Next(2) == 0 ? held[id] with { CurrentParticipants = 2 } : Somewhere(id);
            buckets.Put(changed);
            held[id] = changed;
            if (random.Next(5) == 0)
            {
                buckets.Delete(id);
                held.Remove(id);
            }
        }
        var inOrder = held.Values.OrderBy(s => s.StartTime).ThenBy(s => s.Id).ToList();

        var (scanned, readOn) = (0, 0);
        for (var q = 0; q < 400; q++)
        {
            var limit = new[] { 1, 3, 50 }[q % 3];
            var after = q % 4 == 3 ? inOrder[random.Next(inOrder.Count)] : null;
            var cursor = after is null ? null : new NearbyCursor(after.StartTime, after.Id);
            var rest = after is null ? inOrder : inOrder.SkipWhile(s => SessionOrder.Instance.Compare(s, after) <= 0).ToList();
            List<SessionSnapshot> expected;
            List<Guid> answered;
            if (q % 2 == 0)
            {
                var query = new NearbyQuery(south + random.NextDouble() * (north - south), west + random.NextDouble() * (east - west),
                    new[] { 0.5, 2, 5, 10 }[random.Next(4)], null, null, null, limit, cursor);
                var matcher = new NearbyMatcher(query, Now);
                expected = rest.Where(s => Haversine.DistanceKm(query.Latitude, query.Longitude, s.Latitude, s.Longitude) <= query.RadiusKm).Take(limit).ToList();
                answered = buckets.InStartOrder(query, matcher).Select(matcher.Match).OfType<NearbyHit>().Take(limit).Select(h => h.Session.Id).ToList();
            }
            else
            {
                var (height, width) = (random.NextDouble() * 0.1, random.NextDouble() * 0.15);
                var (boxSouth, boxWest) = (south + random.NextDouble() * (north - south) - height / 2, west + random.NextDouble() * (east - west) - width / 2);
                var query = new ViewQuery(boxWest, boxSouth, boxWest + width, boxSouth + height, 14, null, null, null, limit, cursor);
                var matcher = new ViewMatcher(query, Now);
                expected = rest.Where(s => query.Contains(s.Latitude, s.Longitude)).Take(limit).ToList();
                answered = buckets.InStartOrder(query, matcher).Select(matcher.Match).OfType<SessionSnapshot>().Take(limit).Select(s => s.Id).ToList();
            }
            Assert.Equal(expected.Select(s => s.Id), answered);
            // Whether the answer came from the list alone: its last match (or, short of the limit, the tile's last
            // session) lies within the entries the list is read for.
            var lastRead = expected.Count == limit ? rest.IndexOf(expected[^1]) : rest.Count - 1;
            if (lastRead < TileBuckets.ScanPerResult * limit) scanned++;
            else readOn++;
        }
        Assert.True(scanned > 50 && readOn > 50, $"both ways should be tried often: {scanned} answered from the list, {readOn} read on from the buckets");
    }

    private static SessionSnapshot Session(Guid id, double latitude, double longitude, DateTimeOffset start) =>
        new(id, Guid.Empty, "Session", "Subject", "silent", SessionStatuses.StartingSoon, latitude, longitude, start, start.AddHours(2),
            120, 10, 1, Now, Now);
}
