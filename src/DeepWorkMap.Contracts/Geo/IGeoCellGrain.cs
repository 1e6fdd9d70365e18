using DeepWorkMap.Contracts.Live;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Geo;

/// <summary>
/// One map tile (key: the tile, e.g. "f2912:3360"): the active sessions located in it, with what a
/// search returns, so a search never wakes a session grain. Rebuilt from the catalog on activation.
/// </summary>
[Alias("DeepWorkMap.IGeoCellGrain")]
public interface IGeoCellGrain : IGrainWithStringKey
{
    /// <summary>Adds the session or replaces what the cell knew of it.</summary>
    [Alias("Upsert")] Task Upsert(SessionSnapshot session);

    [Alias("Remove")] Task Remove(Guid sessionId);

    /// <summary>Registers (or keeps alive) a front door that wants this tile's changes; registrations expire unless renewed.</summary>
    [Alias("Watch")] Task Watch(IAreaObserver observer);

    [Alias("Unwatch")] Task Unwatch(IAreaObserver observer);

    /// <summary>Up to <c>query.Limit</c> matching sessions of this tile, ordered by start time, then id.</summary>
    [Alias("Search")] Task<IReadOnlyList<NearbyHit>> Search(NearbyQuery query);

    /// <summary>Up to <c>query.Limit</c> matching sessions of this tile inside the box, ordered by start time, then id.</summary>
    [Alias("SearchView")] Task<IReadOnlyList<SessionSnapshot>> SearchView(ViewQuery query);

    /// <summary>For each bucket of this tile that holds matching sessions inside the box: how many, and where.</summary>
    [Alias("CountView")] Task<IReadOnlyList<BucketCount>> CountView(ViewQuery query);
}
