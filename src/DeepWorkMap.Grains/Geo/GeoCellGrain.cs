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
        _sessions = new TileBuckets(GeoGrid.OfTile(Tile).Buckets);
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

    private void Put(SessionSnapshot session) => _sessions.Put(session);

    private void Delete(Guid sessionId)
    {
        if (_sessions.Delete(sessionId) is not { } old) return;
        _watchers.Notify(watcher => { _ = watcher.TileSessionRemoved(Tile, old); });
    }
}
