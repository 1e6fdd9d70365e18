using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// Viewport search: the tiles that cover the box (fine tiles for a city, coarse ones beyond). The regions holding them
/// are asked first: they name the tiles that show sessions, and count the coarse tiles wholly inside an unfiltered box
/// themselves; only the tiles they name are asked, in parallel, for their bucket counts or their first <c>limit</c>
/// sessions in order, merged and cut to the limit. Empty parts of the map wake nothing.
/// </summary>
public sealed class ViewSearch(IGrainFactory grains)
{
    /// <summary>A box asks at most this many tiles: a map at zoom 6 (a country or two) at the coarse tiles' 50 km.</summary>
    public const int MaxTiles = 4000;

    /// <summary>Boxes up to this many degrees each way are read from fine tiles (a few dozen at most).</summary>
    private const double FineSpanDegrees = 1.5;

    public static GeoGrid GridOf(ViewQuery query)
    {
        var longitudeSpan = query.West <= query.East ? query.East - query.West : query.East + 360 - query.West;
        return query.North - query.South <= FineSpanDegrees && longitudeSpan <= 2 * FineSpanDegrees ? GeoGrid.Fine : GeoGrid.Coarse;
    }

    public static IReadOnlyList<string> TilesOf(ViewQuery query) => GridOf(query).CoverBox(query.South, query.West, query.North, query.East);

    /// <summary>How many tiles the box covers (what <see cref="MaxTiles"/> caps).</summary>
    public static int TileCountOf(ViewQuery query) => GridOf(query).CountCoverBox(query.South, query.West, query.North, query.East);

    /// <summary>The regions holding the tiles that cover the box.</summary>
    public static IReadOnlyList<string> RegionsOf(ViewQuery query) => GridOf(query).RegionsCovering(query.South, query.West, query.North, query.East);

    public async Task<IReadOnlyList<BucketCount>> CountAsync(ViewQuery query)
    {
        var level = GridOf(query).Level;
        var regions = await Task.WhenAll(RegionsOf(query).Select(region => grains.GetGrainFast<IGeoRegionGrain>(region).CountView(query, level)));
        var tiles = await Task.WhenAll(regions.SelectMany(r => r.ToCount).Select(tile => grains.GetGrainFast<IGeoCellGrain>(tile).CountView(query)));
        return [.. regions.SelectMany(r => r.Counted), .. tiles.SelectMany(counts => counts)];
    }

    public async Task<IReadOnlyList<SessionSnapshot>> SearchAsync(ViewQuery query)
    {
        var answers = await Task.WhenAll((await OccupiedAsync(query)).Select(tile => grains.GetGrainFast<IGeoCellGrain>(tile).SearchView(query)));
        return SortedMerge.First(answers, SessionOrder.Instance, query.Limit);
    }

    /// <summary>The tiles covering the box that show sessions.</summary>
    public async Task<IReadOnlyList<string>> OccupiedAsync(ViewQuery query)
    {
        var level = GridOf(query).Level;
        var answers = await Task.WhenAll(RegionsOf(query).Select(region => grains.GetGrainFast<IGeoRegionGrain>(region).OccupiedInView(query, level)));
        return [.. answers.SelectMany(tiles => tiles)];
    }
}
