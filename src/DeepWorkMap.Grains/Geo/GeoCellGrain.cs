using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Sessions;
using Microsoft.Extensions.Logging;

namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// The active sessions of one tile, kept in start-time order so a search walks them in the order it
/// answers in and stops at its limit: a dense tile costs a search only as many entries as it reads.
/// Nothing is persisted: on activation the tile reloads its sessions from the catalog. Every change to what it
/// shows goes to its region (<see cref="GeoRegionGrain"/>), which keeps the tile's summary and tells live maps.
/// </summary>
public sealed partial class GeoCellGrain(ISessionCatalog catalog, Clock clock, ILogger<GeoCellGrain> logger) : Grain, IGeoCellGrain
{
    private TileSessions _sessions = null!;

    /// <summary>What the region last heard of this tile (null: nothing yet from this activation).</summary>
    private TileSummary? _reported;

    private string Tile => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var grid = GeoGrid.OfTile(Tile);
        _sessions = new TileSessions(grid.Buckets, grid.BoundsOf(Tile));
        foreach (var session in await catalog.ActiveInTileAsync(Tile, clock.GetUtcNow(), cancellationToken))
            _sessions.Put(session);
        // The region may have missed a report of an earlier activation (its silo died before it came): this one heals it.
        await Report([]);
    }

    public Task Upsert(SessionSnapshot session) =>
        Changed(SessionStatuses.IsOver(session.Status) ? _sessions.Delete(session.Id, session) : _sessions.Put(session));

    public Task Remove(Guid sessionId) => Changed(_sessions.Delete(sessionId));

    public Task Withdraw(SessionSnapshot session) => Changed(_sessions.Delete(session.Id, session));

    private Task Changed(IReadOnlyList<TileChange> changes)
    {
        // A tile left with nothing (its last session gone) need not stay in memory; its region knows it is empty.
        if (_sessions.IsEmpty) DeactivateOnIdle();
        return Report(changes);
    }

    public async Task<IReadOnlyList<NearbyHit>> Search(NearbyQuery query)
    {
        var now = clock.GetUtcNow();
        var matcher = new NearbyMatcher(query, now);
        var hits = new List<NearbyHit>(Math.Min(query.Limit, _sessions.Shown.Count));
        List<SessionSnapshot>? over = null;
        foreach (var session in _sessions.Shown.InStartOrder(query, matcher))
        {
            if (session.EndTime <= now)
            {
                (over ??= []).Add(session);
                continue;
            }
            if (matcher.Match(session) is not { } hit) continue;
            hits.Add(hit);
            if (hits.Count == query.Limit) break;
        }
        // Finished sessions leave by the lifecycle sweep too; dropping them here just saves rereading them.
        // Its watchers hear it finished (the session itself says so once its clock strikes).
        if (over is not null) await Changed([.. over.SelectMany(ended => _sessions.Delete(ended.Id, ended with { Status = SessionStatuses.Finished }))]);
        return hits;
    }

    public Task<IReadOnlyList<SessionSnapshot>> SearchView(ViewQuery query) => Matching(query, matcher => _sessions.Shown.InStartOrder(query, matcher));

    public Task<IReadOnlyList<SessionSnapshot>> SearchBuckets(ViewQuery query, IReadOnlyList<string> buckets) =>
        Matching(query, _ => _sessions.Shown.InStartOrder(buckets));

    private Task<IReadOnlyList<SessionSnapshot>> Matching(ViewQuery query, Func<ViewMatcher, IEnumerable<SessionSnapshot>> inStartOrder)
    {
        var matcher = new ViewMatcher(query, clock.GetUtcNow());
        var found = new List<SessionSnapshot>();
        foreach (var session in inStartOrder(matcher))
        {
            if (matcher.Match(session) is not { } match) continue;
            found.Add(match);
            if (found.Count == query.Limit) break;
        }
        return Task.FromResult<IReadOnlyList<SessionSnapshot>>(found);
    }

    /// <summary>
    /// A bucket wholly inside the box, with no filter and nobody's session over, counts as it stands; any other is
    /// read session by session (only the buckets on the box's edge, in a view without filters).
    /// </summary>
    public Task<IReadOnlyList<BucketCount>> CountView(ViewQuery query)
    {
        var now = clock.GetUtcNow();
        var matcher = new ViewMatcher(query, now);
        var counts = new List<BucketCount>();
        foreach (var (bucket, (south, west, north, east)) in _sessions.Shown.Touching(query))
        {
            // A bucket never crosses the antimeridian, so two opposite corners inside the box put all of it inside.
            if (query.Unfiltered && bucket.EarliestEnd > now && query.Contains(south, west) && query.Contains(north, east))
            {
                counts.Add(new BucketCount(bucket.Sessions.Count, bucket.LatitudeSum, bucket.LongitudeSum, west, south, east, north));
                continue;
            }
            var (count, latitudes, longitudes) = (0, 0.0, 0.0);
            foreach (var session in bucket.Sessions)
            {
                if (matcher.Match(session) is null) continue;
                (count, latitudes, longitudes) = (count + 1, latitudes + session.Latitude, longitudes + session.Longitude);
            }
            if (count > 0) counts.Add(new BucketCount(count, latitudes, longitudes, west, south, east, north));
        }
        return Task.FromResult<IReadOnlyList<BucketCount>>(counts);
    }

    /// <summary>
    /// Tells the region what changed, and waits for it: a search that follows the change finds the region knowing it.
    /// A region that cannot be reached does not fail the change (the session's own is durable): the region re-reads
    /// the catalog on activation and now and then.
    /// </summary>
    private async Task Report(IReadOnlyList<TileChange> changes)
    {
        var summary = _sessions.Summary();
        if (changes.Count == 0 && summary == _reported) return;
        try
        {
            await GrainFactory.GetGrainFast<IGeoRegionGrain>(GeoGrid.RegionOf(Tile)).Report(new TileReport(Tile, summary, changes));
            _reported = summary;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogReportFailed(logger, Tile, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tile {Tile}: telling its region failed; the region heals from the catalog")]
    private static partial void LogReportFailed(ILogger logger, string tile, Exception exception);
}
