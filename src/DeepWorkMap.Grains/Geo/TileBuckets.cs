using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// A cell's sessions, in buckets of a finer grid, each bucket in start-time order. A search reads only
/// the buckets its circle touches, merged in start-time order, so it can still stop at its limit.
/// </summary>
public sealed class TileBuckets(GeoGrid? bucketGrid)
{
    private const string Whole = "";
    private readonly Dictionary<Guid, (SessionSnapshot Session, string Bucket)> _byId = [];
    private readonly Dictionary<string, SortedSet<SessionSnapshot>> _buckets = [];

    public int Count => _byId.Count;

    public void Put(SessionSnapshot session)
    {
        Delete(session.Id);
        var bucket = bucketGrid?.TileOf(session.Latitude, session.Longitude) ?? Whole;
        if (!_buckets.TryGetValue(bucket, out var sessions)) _buckets[bucket] = sessions = new SortedSet<SessionSnapshot>(SessionOrder.Instance);
        sessions.Add(session);
        _byId[session.Id] = (session, bucket);
    }

    /// <summary>Removes the session; answers what was known of it, if anything.</summary>
    public SessionSnapshot? Delete(Guid sessionId)
    {
        if (!_byId.Remove(sessionId, out var known)) return null;
        var sessions = _buckets[known.Bucket];
        sessions.Remove(known.Session);
        if (sessions.Count == 0) _buckets.Remove(known.Bucket);
        return known.Session;
    }

    /// <summary>The sessions of the buckets the query's circle touches, in start-time order (then id).</summary>
    public IEnumerable<SessionSnapshot> InStartOrder(NearbyQuery query)
    {
        var touched = Touched(query);
        if (touched.Count == 1) return touched[0];
        return Merge(touched);
    }

    private List<SortedSet<SessionSnapshot>> Touched(NearbyQuery query)
    {
        if (bucketGrid is null) return _buckets.TryGetValue(Whole, out var all) ? [all] : [];
        var touched = new List<SortedSet<SessionSnapshot>>();
        if (_buckets.Count == 0) return touched;
        foreach (var key in bucketGrid.Cover(query.Latitude, query.Longitude, query.RadiusKm))
            if (_buckets.TryGetValue(key, out var sessions)) touched.Add(sessions);
        return touched;
    }

    private static IEnumerable<SessionSnapshot> Merge(List<SortedSet<SessionSnapshot>> buckets)
    {
        var heads = new PriorityQueue<IEnumerator<SessionSnapshot>, SessionSnapshot>(buckets.Count, SessionOrder.Instance);
        foreach (var bucket in buckets)
        {
            var cursor = bucket.GetEnumerator();
            if (cursor.MoveNext()) heads.Enqueue(cursor, cursor.Current);
        }
        while (heads.TryDequeue(out var cursor, out var session))
        {
            yield return session;
            if (cursor.MoveNext()) heads.Enqueue(cursor, cursor.Current);
        }
    }
}
