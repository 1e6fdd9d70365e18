using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Geo;

/// <summary>
/// One map tile (key: the tile, e.g. "f2912:3360"): the active sessions located in it, with what a
/// search returns, so a search never wakes a session grain. A weekly series shows once, at its earliest occurrence
/// in the tile. Rebuilt from the catalog on activation; tells its region (<see cref="IGeoRegionGrain"/>) every change.
/// </summary>
[Alias("DeepWorkMap.IGeoCellGrain")]
public interface IGeoCellGrain : IGrainWithStringKey
{
    /// <summary>Adds the session or replaces what the cell knew of it.</summary>
    [RetrySafe, Alias("Upsert")] Task Upsert(SessionSnapshot session);

    [RetrySafe, Alias("Remove")] Task Remove(Guid sessionId);

    /// <summary>Takes the session off the cell's map; its live maps hear why from the session as it is now (over, withdrawn or moved).</summary>
    [RetrySafe, Alias("Withdraw")] Task Withdraw(SessionSnapshot session);

    /// <summary>Up to <c>query.Limit</c> matching sessions of this tile, ordered by start time, then id.</summary>
    [RetrySafe, Alias("Search")] Task<IReadOnlyList<NearbyHit>> Search(NearbyQuery query);

    /// <summary>Up to <c>query.Limit</c> matching sessions of this tile inside the box, ordered by start time, then id.</summary>
    [RetrySafe, Alias("SearchView")] Task<IReadOnlyList<SessionSnapshot>> SearchView(ViewQuery query);

    /// <summary>As <see cref="SearchView"/>, reading only the named buckets of a fine tile (a coarse tile has one, and reads it).</summary>
    [RetrySafe, Alias("SearchBuckets")] Task<IReadOnlyList<SessionSnapshot>> SearchBuckets(ViewQuery query, IReadOnlyList<string> buckets);

    /// <summary>For each bucket of this tile that holds matching sessions inside the box: how many, and where.</summary>
    [RetrySafe, Alias("CountView")] Task<IReadOnlyList<BucketCount>> CountView(ViewQuery query);
}
