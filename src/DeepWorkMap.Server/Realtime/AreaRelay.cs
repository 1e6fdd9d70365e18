using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Live;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Server.Sessions;
using Microsoft.AspNetCore.SignalR;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// This front door's ear on the map regions its clients' live maps cover. Each connection watches one
/// circle or one view; the relay watches the regions holding the tiles that cover all of them (each region once), and
/// passes a tile's change to the connections that read that level of tiles and whose area holds the session: the session
/// itself, or, to a view shown as clusters, word that its counts changed (at most one every half second). A region
/// nobody here needs any more is let go. Watching wakes no tile: a country-wide view watches a few dozen regions.
/// </summary>
public sealed partial class AreaRelay(
    IGrainFactory grains,
    IHubContext<DeepWorkHub> hub,
    SessionViews views,
    ILogger<AreaRelay> logger) : IAreaObserver
{
    /// <summary>How long a clustered view's change waits for others to go with it.</summary>
    private static readonly TimeSpan ViewSignalDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>What one connection watches: the level of tiles that answer it, and the regions holding them.</summary>
    private abstract record Watched(char Level, IReadOnlyList<string> Regions)
    {
        public abstract bool Holds(SessionSnapshot session);
    }

    private sealed record Circle(double Latitude, double Longitude, double RadiusKm, char Level, IReadOnlyList<string> Regions) : Watched(Level, Regions)
    {
        public override bool Holds(SessionSnapshot session) =>
            Haversine.DistanceKm(Latitude, Longitude, session.Latitude, session.Longitude) <= RadiusKm;
    }

    private sealed record View(ViewQuery Query, bool Clustered, char Level, IReadOnlyList<string> Regions) : Watched(Level, Regions)
    {
        public override bool Holds(SessionSnapshot session) => Query.Contains(session.Latitude, session.Longitude);
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Watched> _watched = [];
    private readonly HashSet<string> _viewSignalsDue = [];
    private readonly Dictionary<string, HashSet<string>> _watchersByRegion = [];
    private IAreaObserver? _reference;

    /// <summary>Changes leave in the order the regions reported them.</summary>
    private readonly OrderedSends _outbox = new(e => LogSendFailed(logger, e));

    private IAreaObserver Reference =>
        Volatile.Read(ref _reference) ?? LazyInitializer.EnsureInitialized(ref _reference, () => grains.CreateObjectReference<IAreaObserver>(this));

    public int WatchedRegions { get { lock (_gate) return _watchersByRegion.Count; } }

    /// <summary>Replaces what the connection watches with a circle. Completes once every region of it is watched, so no later change is missed.</summary>
    public Task WatchAsync(string connectionId, double latitude, double longitude, double radiusKm)
    {
        var grid = GeoGrid.ForRadius(radiusKm);
        var regions = grid.Cover(latitude, longitude, radiusKm).Select(GeoGrid.RegionOf).Distinct().ToList();
        return WatchAsync(connectionId, new Circle(latitude, longitude, radiusKm, grid.Level, regions));
    }

    /// <summary>Replaces what the connection watches with a view, shown as sessions until <see cref="ShowsClusters"/>.</summary>
    public Task WatchViewAsync(string connectionId, ViewQuery query) =>
        WatchAsync(connectionId, new View(query, Clustered: false, ViewSearch.GridOf(query).Level, ViewSearch.RegionsOf(query)));

    /// <summary>The connection's view turned out to be shown as clusters: its changes go out as viewChanged from now on.</summary>
    public void ShowsClusters(string connectionId, ViewQuery query)
    {
        lock (_gate)
            if (_watched.GetValueOrDefault(connectionId) is View view && view.Query == query) _watched[connectionId] = view with { Clustered = true };
    }

    private async Task WatchAsync(string connectionId, Watched area)
    {
        var regions = area.Regions;
        List<string> released;
        lock (_gate)
        {
            released = Release(connectionId);
            _watched[connectionId] = area;
            foreach (var region in regions)
            {
                if (!_watchersByRegion.TryGetValue(region, out var watchers)) _watchersByRegion[region] = watchers = [];
                watchers.Add(connectionId);
            }
        }
        released.RemoveAll(regions.Contains);
        Unwatch(released);
        // Renewing a region already watched costs one call and makes sure the registration is there.
        await Task.WhenAll(regions.Select(region => grains.GetGrain<IGeoRegionGrain>(region).Watch(Reference)));
    }

    public void Forget(string connectionId)
    {
        List<string> released;
        lock (_gate) released = Release(connectionId);
        Unwatch(released);
    }

    /// <summary>Renews the registration with every watched region in <paramref name="slice"/>; a region that reactivated elsewhere gets it back.</summary>
    public async Task RenewAsync(RenewalSlice slice)
    {
        string[] regions;
        lock (_gate) regions = _watchersByRegion.Keys.Where(slice.Holds).ToArray();
        await Task.WhenAll(regions.Select(async region =>
        {
            try
            {
                await grains.GetGrain<IGeoRegionGrain>(region).Watch(Reference);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogRenewFailed(logger, region, e);
            }
        }));
    }

    public Task TileSessionChanged(string tile, SessionSnapshot session)
    {
        var (to, clustered) = WatchersOf(tile, session);
        if (to.Count > 0) _outbox.Send(async () => await SendAsync(to, HubEvents.SessionChanged, await views.ToDtoAsync(session, Viewer.Member)));
        SignalViews(clustered);
        return Task.CompletedTask;
    }

    public Task TileSessionRemoved(string tile, SessionSnapshot session)
    {
        var (to, clustered) = WatchersOf(tile, session);
        if (to.Count > 0) _outbox.Send(() => SendAsync(to, HubEvents.SessionRemoved, SessionRemovedEvent.Of(session)));
        SignalViews(clustered);
        return Task.CompletedTask;
    }

    /// <summary>Tells each clustered view that its counts changed, once for whatever changes come within the delay.</summary>
    private void SignalViews(List<string> connectionIds)
    {
        foreach (var connectionId in connectionIds)
        {
            lock (_gate)
                if (!_viewSignalsDue.Add(connectionId)) continue;
            _ = Task.Delay(ViewSignalDelay).ContinueWith(_ =>
            {
                lock (_gate) _viewSignalsDue.Remove(connectionId);
                _outbox.Send(() => hub.Clients.Client(connectionId).SendAsync(HubEvents.ViewChanged, new ViewChangedEvent()));
            }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// One send to every watcher: <see cref="IndexedHubLifetimeManager"/> serializes the change once and writes it to each.
    /// A send per watcher serialized it for each (docs/benchmarks.md, joins: the live map's profile).
    /// </summary>
    private Task SendAsync(List<string> connectionIds, string method, object payload) =>
        hub.Clients.Clients(connectionIds).SendAsync(method, payload);

    /// <summary>The connections that read the tile's level and whose area holds the session: those shown sessions, and those shown clusters.</summary>
    private (List<string> Sessions, List<string> Clustered) WatchersOf(string tile, SessionSnapshot session)
    {
        var region = GeoGrid.RegionOf(tile);
        lock (_gate)
        {
            if (!_watchersByRegion.TryGetValue(region, out var watchers)) return ([], []);
            var holding = watchers.Where(connectionId => _watched[connectionId] is var area && area.Level == tile[0] && area.Holds(session)).ToList();
            var clustered = holding.Where(connectionId => _watched[connectionId] is View { Clustered: true }).ToList();
            return (holding.Except(clustered).ToList(), clustered);
        }
    }

    /// <summary>Drops the connection's area; answers the regions no connection watches any more.</summary>
    private List<string> Release(string connectionId)
    {
        if (!_watched.Remove(connectionId, out var area)) return [];
        var released = new List<string>();
        foreach (var region in area.Regions)
        {
            if (!_watchersByRegion.TryGetValue(region, out var watchers)) continue;
            watchers.Remove(connectionId);
            if (watchers.Count > 0) continue;
            _watchersByRegion.Remove(region);
            released.Add(region);
        }
        return released;
    }

    private void Unwatch(List<string> regions)
    {
        foreach (var region in regions)
        {
            _ = grains.GetGrain<IGeoRegionGrain>(region).Unwatch(Reference).ContinueWith(
                t => LogUnwatchFailed(logger, region, t.Exception!), TaskContinuationOptions.OnlyOnFaulted);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the watch on region {Region} failed; the next renewal retries")]
    private static partial void LogRenewFailed(ILogger logger, string region, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unwatching region {Region} failed; the registration expires by itself")]
    private static partial void LogUnwatchFailed(ILogger logger, string region, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying a map change to watchers failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception);
}
