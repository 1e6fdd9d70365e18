using DeepWorkMap.Contracts.Geo;
using Microsoft.Extensions.Caching.Memory;

namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// Which tiles are worth waking: their regions know which of them show sessions. A tile a region has said shows sessions
/// is remembered here for <see cref="RememberFor"/>, so a search where sessions are asks its tiles straight away, one
/// grain call fewer. Only "shows sessions" is remembered, never "empty": a remembered tile that has emptied since is
/// asked and answers nothing, and a tile not remembered is asked of its region, so a search still finds a session as
/// soon as its tile holds it.
/// </summary>
public sealed class OccupiedTiles(IGrainFactory grains) : IDisposable
{
    /// <summary>How long a region's "shows sessions" is trusted; it bounds how long an emptied tile is still woken by searches.</summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A bound on the memory (a tile is at most two per active session; ~250 B each). Past it a tile is not remembered,
    /// which is safe: it is asked of its region, as before.
    /// </summary>
    private const int MaxRemembered = 100_000;

    private static readonly MemoryCacheEntryOptions Remembering = new() { Size = 1, AbsoluteExpirationRelativeToNow = RememberFor };

    private readonly MemoryCache _remembered = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });

    /// <summary>The tiles among <paramref name="tiles"/> that show sessions: one call to each region holding a tile not remembered.</summary>
    public async Task<IReadOnlyList<string>> AmongAsync(IReadOnlyList<string> tiles)
    {
        var unknown = tiles.Where(tile => !_remembered.TryGetValue(tile, out _)).ToList();
        if (unknown.Count == 0) return tiles;
        var occupied = await AskRegionsAsync(unknown);
        foreach (var tile in occupied) _remembered.Set(tile, true, Remembering);
        if (unknown.Count == tiles.Count) return occupied;
        var empty = unknown.Except(occupied).ToHashSet();
        return tiles.Where(tile => !empty.Contains(tile)).ToList();
    }

    private async Task<IReadOnlyList<string>> AskRegionsAsync(IReadOnlyList<string> tiles)
    {
        var byRegion = tiles.GroupBy(GeoGrid.RegionOf).ToList();
        if (byRegion.Count == 1) return await grains.GetGrainFast<IGeoRegionGrain>(byRegion[0].Key).Occupied(tiles);
        var answers = await Task.WhenAll(byRegion.Select(region => grains.GetGrainFast<IGeoRegionGrain>(region.Key).Occupied(region.ToList())));
        return [.. answers.SelectMany(occupied => occupied)];
    }

    public void Dispose() => _remembered.Dispose();
}
