using DeepWorkMap.Grains;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// docs/api.md's area search: only the tiles the polygon touches, of those only the ones that show sessions
/// (<see cref="OccupiedTiles"/>), and of a fine tile only the ~2.5 km buckets the polygon touches, are read, in start
/// order; the polygon then keeps exactly the sessions it covers. A thin sliver across a country reads a strip of
/// buckets, not the envelope.
/// </summary>
public sealed class AreaSearch(IGrainFactory grains, OccupiedTiles occupied)
{
    /// <summary>Candidates read per round; each round that leaves the page unfilled reads twice as many after the last.</summary>
    private const int FirstBatch = 200;

    /// <summary>The first <c>query.Limit</c> sessions the polygon covers, after <c>query.After</c>; <paramref name="query"/> is the polygon's envelope.</summary>
    public async Task<IReadOnlyList<SessionSnapshot>> SearchAsync(Polygon area, ViewQuery query)
    {
        var inside = PreparedGeometryFactory.Prepare(area);
        var grid = ViewSearch.GridOf(query);
        var touched = ViewSearch.TilesOf(query).Where(tile => inside.Intersects(Rectangle(grid.BoundsOf(tile)))).ToList();
        var reads = (await occupied.AmongAsync(touched)).Select(tile => (Tile: tile, Buckets: BucketsTouched(inside, tile))).ToList();

        var found = new List<SessionSnapshot>();
        for (var (after, batch) = (query.After, Math.Max(FirstBatch, query.Limit)); found.Count < query.Limit && reads.Count > 0; batch *= 2)
        {
            var page = query with { After = after, Limit = batch };
            var answers = await Task.WhenAll(reads.Select(read => grains.GetGrainFast<IGeoCellGrain>(read.Tile).SearchBuckets(page, read.Buckets)));
            var candidates = answers.SelectMany(a => a).Order(SessionOrder.Instance).Take(batch).ToList();
            found.AddRange(candidates.Where(s => inside.Covers(SessionGeoJson.Wgs84.CreatePoint(new Coordinate(s.Longitude, s.Latitude)))));
            if (candidates.Count < batch) break;
            after = new NearbyCursor(candidates[^1].StartTime, candidates[^1].Id);
        }
        return found.Take(query.Limit).ToList();
    }

    /// <summary>The buckets of a fine tile the polygon touches (all of them where it covers the tile); a coarse tile has one.</summary>
    private static IReadOnlyList<string> BucketsTouched(IPreparedGeometry inside, string tile)
    {
        var grid = GeoGrid.OfTile(tile);
        var bounds = grid.BoundsOf(tile);
        if (grid.Buckets is not { } buckets) return [];
        var (south, west, north, east) = bounds;
        var all = buckets.CoverBox(south, west, north, east);
        return inside.Covers(Rectangle(bounds)) ? all : all.Where(bucket => inside.Intersects(Rectangle(buckets.BoundsOf(bucket)))).ToList();
    }

    private static Polygon Rectangle((double South, double West, double North, double East) bounds) =>
        (Polygon)SessionGeoJson.Wgs84.ToGeometry(new Envelope(bounds.West, bounds.East, bounds.South, bounds.North));
}
