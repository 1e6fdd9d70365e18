using DeepWorkMap.Contracts.Live;
using Orleans.Concurrency;

namespace DeepWorkMap.Contracts.Geo;

/// <summary>
/// A block of the map a few degrees across (key: e.g. "r22:41"): for each of its tiles (fine and coarse) that shows
/// sessions, that tile's <see cref="TileSummary"/>. Searches ask it first, so empty tiles are never woken, and a
/// wide view counts whole tiles from it. Its tiles report every change here, and it passes them to the front doors
/// watching it for live maps. Rebuilt from the catalog on activation, and re-read from it now and then.
/// </summary>
[Alias("DeepWorkMap.IGeoRegionGrain")]
public interface IGeoRegionGrain : IGrainWithStringKey
{
    /// <summary>A tile's new summary and the changes behind it; the tile waits for this, so its reports arrive in order.</summary>
    [RetrySafe, Alias("Report")] Task Report(TileReport report);

    /// <summary>Registers (or keeps alive) a front door that wants this region's changes; registrations expire unless renewed.</summary>
    [Alias("Watch")] Task Watch(IAreaObserver observer);

    [Alias("Unwatch")] Task Unwatch(IAreaObserver observer);

    /// <summary>Which of <paramref name="tiles"/> (tiles of this region) show sessions.</summary>
    [ReadOnly, Alias("Occupied")] Task<IReadOnlyList<string>> Occupied(IReadOnlyList<string> tiles);

    /// <summary>This region's tiles of one level (<c>'f'</c> or <c>'c'</c>) that touch the box and show sessions.</summary>
    [ReadOnly, Alias("OccupiedInView")] Task<IReadOnlyList<string>> OccupiedInView(ViewQuery query, char level);

    /// <summary>This region's part of the box's count, at one level: what it counts itself, and which tiles must.</summary>
    [ReadOnly, Alias("CountView")] Task<RegionCounts> CountView(ViewQuery query, char level);
}
