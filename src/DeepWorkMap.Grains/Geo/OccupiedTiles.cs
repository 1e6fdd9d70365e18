using DeepWorkMap.Contracts.Geo;

namespace DeepWorkMap.Grains.Geo;

/// <summary>Which tiles are worth waking: their regions know which of them show sessions.</summary>
public static class OccupiedTiles
{
    /// <summary>The tiles among <paramref name="tiles"/> that show sessions, in their order: one call to each region they lie in.</summary>
    public static async Task<IReadOnlyList<string>> AmongAsync(IGrainFactory grains, IReadOnlyList<string> tiles)
    {
        var byRegion = tiles.GroupBy(GeoGrid.RegionOf).ToList();
        if (byRegion.Count == 1) return await grains.GetGrainFast<IGeoRegionGrain>(byRegion[0].Key).Occupied(tiles);
        var answers = await Task.WhenAll(byRegion.Select(region => grains.GetGrainFast<IGeoRegionGrain>(region.Key).Occupied(region.ToList())));
        return [.. answers.SelectMany(occupied => occupied)];
    }
}
