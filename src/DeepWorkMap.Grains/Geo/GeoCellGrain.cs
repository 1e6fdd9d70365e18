using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Live;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Live;
using DeepWorkMap.Grains.Sessions;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// The active sessions of one tile, kept in start-time order so a search walks them in the order it
/// answers in and stops at its limit: a dense tile costs a search only as many entries as it reads.
/// Nothing is persisted: on activation the tile reloads its sessions from the catalog.
/// Front doors watching the tile for live maps hear of every change.
/// </summary>
public sealed class GeoCellGrain(ISessionCatalog catalog, Clock clock, ILogger<GeoCellGrain> logger) : Grain, IGeoCellGrain
{
    private TileBuckets _sessions = null!;
    // Observer calls are one-way: they return at once, so notifying never waits on a front door.
    private readonly ObserverManager<IAreaObserver> _watchers = new(ObserverLease.Duration, logger);

    private string Tile => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var grid = GeoGrid.OfTile(Tile);
        _sessions = new TileBuckets(grid.Buckets, grid.BoundsOf(Tile));
        foreach (var session in await catalog.ActiveInTileAsync(Tile, clock.GetUtcNow(), cancellationToken))
            Put(session);
    }

    public Task Upsert(SessionSnapshot session)
    {
        if (SessionStatuses.IsOver(session.Status))
        {
            Delete(session.Id);
        }
        else
        {
            Put(session);
            _watchers.Notify(watcher => { _ = watcher.TileSessionChanged(Tile, session); });
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

    public Task Remove(Guid sessionId)
    {
        Delete(sessionId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<NearbyHit>> Search(NearbyQuery query)
    {
        var now = clock.GetUtcNow();
        var matcher = new NearbyMatcher(query, now);
        var hits = new List<NearbyHit>(Math.Min(query.Limit, _sessions.Count));
        List<Guid>? over = null;
        foreach (var session in _sessions.InStartOrder(query))
        {
            if (session.EndTime <= now)
            {
                (over ??= []).Add(session.Id);
                continue;
            }
            if (matcher.Match(session) is not { } hit) continue;
            hits.Add(hit);
            if (hits.Count == query.Limit) break;
        }
        // Finished sessions leave by the lifecycle sweep too; dropping them here just saves rereading them.
        if (over is not null) foreach (var id in over) Delete(id);
        return Task.FromResult<IReadOnlyList<NearbyHit>>(hits);
    }

    public Task<IReadOnlyList<SessionSnapshot>> SearchView(ViewQuery query)
    {
        var matcher = new ViewMatcher(query, clock.GetUtcNow());
        var found = new List<SessionSnapshot>();
        foreach (var session in _sessions.InStartOrder(query))
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
        foreach (var (bucket, (south, west, north, east)) in _sessions.Touching(query))
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

    private void Put(SessionSnapshot session) => _sessions.Put(session);

    private void Delete(Guid sessionId)
    {
        if (_sessions.Delete(sessionId) is not { } old) return;
        _watchers.Notify(watcher => { _ = watcher.TileSessionRemoved(Tile, old); });
    }
}
