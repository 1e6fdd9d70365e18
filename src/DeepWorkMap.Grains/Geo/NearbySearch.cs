using System.Diagnostics;
using DeepWorkMap.Contracts.Geo;

namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// Nearby search: the tiles that cover the circle (fine tiles for small circles, coarse for large); of those, only the
/// ones that show sessions (<see cref="OccupiedTiles"/>) are asked, in parallel, each answering its first <c>limit</c>
/// matches in order; merged and cut to the limit.
/// </summary>
public sealed class NearbySearch(IGrainFactory grains, OccupiedTiles occupied)
{
    public async Task<IReadOnlyList<NearbyHit>> SearchAsync(NearbyQuery query)
    {
        var started = Stopwatch.GetTimestamp();
        var hits = await SearchTilesAsync(query);
        DeepWorkMetrics.SearchDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return hits;
    }

    private async Task<IReadOnlyList<NearbyHit>> SearchTilesAsync(NearbyQuery query)
    {
        var tiles = await occupied.AmongAsync(GeoGrid.ForRadius(query.RadiusKm).Cover(query.Latitude, query.Longitude, query.RadiusKm));
        if (tiles.Count == 0) return [];
        var answers = await Task.WhenAll(tiles.Select(tile => grains.GetGrainFast<IGeoCellGrain>(tile).Search(query)));
        // Each tile's answer is in order already: merged, not sorted, and read only as far as the limit.
        return answers.Length == 1 ? answers[0] : SortedMerge.First(answers, SessionOrder.Hits, query.Limit);
    }
}
