using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// Viewport search: the tiles that cover the box (fine tiles for a city, coarse ones beyond), asked in parallel for
/// their bucket counts, or for their first <c>limit</c> sessions in order, merged and cut to the limit.
/// </summary>
public sealed class ViewSearch(IGrainFactory grains)
{
    /// <summary>A box asks at most this many tiles: a map at zoom 6 (a country or two) at the coarse tiles' 50 km.</summary>
    public const int MaxTiles = 4000;

    /// <summary>Boxes up to this many degrees each way are read from fine tiles (a few dozen at most).</summary>
    private const double FineSpanDegrees = 1.5;

    public static IReadOnlyList<string> TilesOf(ViewQuery query)
    {
        var longitudeSpan = query.West <= query.East ? query.East - query.West : query.East + 360 - query.West;
        var grid = query.North - query.South <= FineSpanDegrees && longitudeSpan <= 2 * FineSpanDegrees ? GeoGrid.Fine : GeoGrid.Coarse;
        return grid.CoverBox(query.South, query.West, query.North, query.East);
    }

    public async Task<IReadOnlyList<BucketCount>> CountAsync(ViewQuery query)
    {
        var answers = await Task.WhenAll(TilesOf(query).Select(tile => grains.GetGrain<IGeoCellGrain>(tile).CountView(query)));
        return answers.SelectMany(counts => counts).ToList();
    }

    public async Task<IReadOnlyList<SessionSnapshot>> SearchAsync(ViewQuery query)
    {
        var answers = await Task.WhenAll(TilesOf(query).Select(tile => grains.GetGrain<IGeoCellGrain>(tile).SearchView(query)));
        return answers.SelectMany(found => found).Order(SessionOrder.Instance).Take(query.Limit).ToList();
    }
}
