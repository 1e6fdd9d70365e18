using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Live;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Live;
using DeepWorkMap.Grains.Sessions;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// One region of the map (<see cref="GeoGrid.Region"/>): the summary of each of its tiles that shows sessions, so a
/// search wakes only tiles with something in them and a wide view counts whole coarse tiles from here. Its tiles report
/// every change (and wait for it, so a search after a change finds it here); it passes the changes on to the front doors
/// watching it. Nothing is persisted: it is rebuilt from the catalog on activation and re-read from it every
/// <see cref="RefreshPeriod"/>, which heals a report lost with a silo.
/// </summary>
public sealed class GeoRegionGrain(ISessionCatalog catalog, Clock clock, ILogger<GeoRegionGrain> logger) : Grain, IGeoRegionGrain
{
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromMinutes(5);

    /// <summary>A tile's summary, its area, and the number of the report that told it (0: the catalog did).</summary>
    private sealed record Known(TileSummary Summary, (double South, double West, double North, double East) Bounds, long Report);

    private readonly Dictionary<string, Known> _tiles = [];

    // Observer calls are one-way: they return at once, so passing a change on never waits on a front door.
    private readonly ObserverManager<IAreaObserver> _watchers = new(ObserverLease.Duration, logger);

    /// <summary>How many reports this activation has heard.</summary>
    private long _reports;

    private string Region => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Refresh();
        // Interleaved: searches and reports go on while the catalog is read; the reports win over the read.
        this.RegisterGrainTimer(Refresh, new GrainTimerCreationOptions(RefreshPeriod, RefreshPeriod) { Interleave = true });
    }

    public Task Report(TileReport report)
    {
        _reports++;
        Set(report.Tile, report.Summary, _reports);
        foreach (var change in report.Changes)
        {
            _watchers.Notify(change.Removed
                ? watcher => { _ = watcher.TileSessionRemoved(report.Tile, change.Session); }
                : watcher => { _ = watcher.TileSessionChanged(report.Tile, change.Session); });
        }
        return Task.CompletedTask;
    }

    public Task Watch(IAreaObserver observer)
    {
        _watchers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unwatch(IAreaObserver observer)
    {
        _watchers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> Occupied(IReadOnlyList<string> tiles) =>
        Task.FromResult<IReadOnlyList<string>>(tiles.Where(_tiles.ContainsKey).ToList());

    public Task<IReadOnlyList<string>> OccupiedInView(ViewQuery query, char level) =>
        Task.FromResult<IReadOnlyList<string>>(Touching(query, level).Select(tile => tile.Key).ToList());

    /// <summary>
    /// A coarse tile (one bucket) wholly inside the box, with no filter and none of its sessions over, counts from its
    /// summary, exactly as the tile would count itself; any other tile with sessions counts for itself.
    /// </summary>
    public Task<RegionCounts> CountView(ViewQuery query, char level)
    {
        var now = clock.GetUtcNow();
        var wholeTiles = GeoGrid.OfLevel(level).Buckets is null && query.Unfiltered;
        var counted = new List<BucketCount>();
        var toCount = new List<string>();
        foreach (var (tile, known) in Touching(query, level))
        {
            var (south, west, north, east) = known.Bounds;
            // A tile never crosses the antimeridian, so two opposite corners inside the box put all of it inside.
            if (wholeTiles && known.Summary.EarliestEnd > now && query.Contains(south, west) && query.Contains(north, east))
                counted.Add(new BucketCount(known.Summary.Count, known.Summary.LatitudeSum, known.Summary.LongitudeSum, west, south, east, north));
            else
                toCount.Add(tile);
        }
        return Task.FromResult(new RegionCounts(counted, toCount));
    }

    private IEnumerable<KeyValuePair<string, Known>> Touching(ViewQuery query, char level) =>
        _tiles.Where(tile => tile.Key[0] == level && GeoGrid.Touches(tile.Value.Bounds, query.South, query.West, query.North, query.East));

    /// <summary>Reads the region's sessions from the catalog; a tile that reported while it was read keeps its report.</summary>
    private async Task Refresh()
    {
        var readFrom = _reports;
        var summaries = SummariesOf(Region, await catalog.ActiveInRegionAsync(Region, clock.GetUtcNow()));
        foreach (var (tile, known) in _tiles.ToList())
            if (known.Report <= readFrom && !summaries.ContainsKey(tile)) _tiles.Remove(tile);
        foreach (var (tile, summary) in summaries)
            if (!_tiles.TryGetValue(tile, out var known) || known.Report <= readFrom) Set(tile, summary, 0);
    }

    private void Set(string tile, TileSummary summary, long report)
    {
        if (summary.Count == 0) _tiles.Remove(tile);
        else _tiles[tile] = new Known(summary, _tiles.TryGetValue(tile, out var known) ? known.Bounds : GeoGrid.OfTile(tile).BoundsOf(tile), report);
    }

    /// <summary>
    /// The summary of each tile of the region, from its active public sessions, as the tile itself shows them: a weekly
    /// series once, at its earliest occurrence in the tile.
    /// </summary>
    private static Dictionary<string, TileSummary> SummariesOf(string region, IReadOnlyList<SessionSnapshot> sessions)
    {
        var byTile = new Dictionary<string, List<SessionSnapshot>>();
        foreach (var session in sessions)
        {
            var (fine, coarse) = GeoGrid.TilesOf(session.Latitude, session.Longitude);
            foreach (var tile in new[] { fine, coarse })
            {
                if (GeoGrid.RegionOf(tile) != region) continue;
                if (!byTile.TryGetValue(tile, out var held)) byTile[tile] = held = [];
                held.Add(session);
            }
        }
        return byTile.ToDictionary(tile => tile.Key, tile =>
        {
            var shown = tile.Value.Where(s => s.SeriesId is null)
                .Concat(tile.Value.Where(s => s.SeriesId is not null).GroupBy(s => s.SeriesId).Select(series => series.Min(SessionOrder.Instance)!))
                .ToList();
            return new TileSummary(shown.Count, shown.Sum(s => s.Latitude), shown.Sum(s => s.Longitude), shown.Min(s => s.EndTime));
        });
    }
}
