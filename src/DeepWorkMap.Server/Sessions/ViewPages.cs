using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// docs/api.md's answer to a view, for REST and the hub alike: the box counted first (every tile's buckets), then a
/// page of sessions when the map is close enough and the box sparse enough, else clusters. The count ignores the
/// cursor, so every page of one view agrees on the answer's kind.
/// </summary>
public sealed class ViewPages(ViewSearch search, SessionViews views)
{
    public static bool Clusters(ViewQuery query, int total) => query.Zoom < ViewRules.ItemsFromZoom || total > ViewRules.DensityThreshold;

    public async Task<ViewPage> AnswerAsync(ViewQuery query, Viewer viewer, CancellationToken cancellationToken = default)
    {
        var (total, found, next, clusters) = await FindAsync(query);
        return new ViewPage(total, found.Count == 0 ? [] : await views.ToDtosAsync(found, viewer, cancellationToken), next, clusters);
    }

    /// <summary>The same answer in the map's form (<c>fields=map</c>), the same for every viewer.</summary>
    public async Task<MapViewPage> AnswerForMapAsync(ViewQuery query)
    {
        var (total, found, next, clusters) = await FindAsync(query);
        return new MapViewPage(total, SessionViews.ToMapDtos(found), next, clusters);
    }

    private async Task<(int Total, IReadOnlyList<SessionSnapshot> Found, string? NextCursor, IReadOnlyList<ClusterDto>? Clusters)> FindAsync(ViewQuery query)
    {
        var counts = await search.CountAsync(query with { After = null });
        var total = counts.Sum(c => c.Count);
        if (Clusters(query, total)) return (total, [], null, ViewClusters.Of(counts, query.Zoom));
        var found = await search.SearchAsync(query);
        var next = found.Count == query.Limit ? NearbyCursors.Write(new NearbyCursor(found[^1].StartTime, found[^1].Id)) : null;
        return (total, found, next, null);
    }
}
