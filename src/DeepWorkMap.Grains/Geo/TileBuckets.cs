using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// A cell's sessions, in buckets of a finer grid, each bucket in start-time order and with its count and the sums of
/// its positions. A search reads only the buckets its circle or box touches, merged in start-time order, so it can
/// still stop at its limit; a viewport count takes a bucket wholly inside the box from its count alone.
/// </summary>
public sealed class TileBuckets(GeoGrid? bucketGrid, (double South, double West, double North, double East) tileBounds)
{
    private const string Whole = "";

    /// <summary>One bucket: its sessions, the sums of their positions, and the earliest end among them (null: to be worked out again).</summary>
    public sealed class Bucket(string key)
    {
        /// <summary>Its key in the tile: each session's entry points at the bucket, rather than holding a key string of its own.</summary>
        public string Key { get; } = key;

        // A list kept in order rather than a SortedSet: a search starts reading dozens of buckets at once, and a
        // SortedSet's enumerator allocates and walks down its tree on each start, where an index costs nothing (the
        // merge of the buckets was a sixth of a nearby search's CPU with sets). A bucket holds at most a few thousand
        // sessions, so an insertion's copy is short; a list's entry is also a sixth of a set's node in memory.
        private readonly List<SessionSnapshot> _sessions = [];
        private DateTimeOffset? _earliestEnd;

        /// <summary>In start-time order (then id).</summary>
        public IReadOnlyList<SessionSnapshot> Sessions => _sessions;
        public double LatitudeSum { get; private set; }
        public double LongitudeSum { get; private set; }

        public DateTimeOffset EarliestEnd => _earliestEnd ??= _sessions.Count == 0 ? DateTimeOffset.MaxValue : _sessions.Min(s => s.EndTime);

        public void Add(SessionSnapshot session)
        {
            var at = _sessions.BinarySearch(session, SessionOrder.Instance);
            if (at >= 0) return;
            _sessions.Insert(~at, session);
            LatitudeSum += session.Latitude;
            LongitudeSum += session.Longitude;
            if (_earliestEnd is { } earliest && session.EndTime < earliest) _earliestEnd = session.EndTime;
        }

        public void Remove(SessionSnapshot session)
        {
            var at = _sessions.BinarySearch(session, SessionOrder.Instance);
            if (at < 0) return;
            _sessions.RemoveAt(at);
            LatitudeSum -= session.Latitude;
            LongitudeSum -= session.Longitude;
            if (_earliestEnd == session.EndTime) _earliestEnd = null;
        }
    }

    private readonly Dictionary<Guid, (SessionSnapshot Session, Bucket Bucket)> _byId = [];
    private readonly Dictionary<string, Bucket> _buckets = [];

    public int Count => _byId.Count;

    public void Put(SessionSnapshot session)
    {
        Delete(session.Id);
        var key = bucketGrid?.TileOf(session.Latitude, session.Longitude) ?? Whole;
        if (!_buckets.TryGetValue(key, out var bucket)) _buckets[key] = bucket = new Bucket(key);
        bucket.Add(session);
        _byId[session.Id] = (session, bucket);
    }

    /// <summary>Removes the session; answers what was known of it, if anything.</summary>
    public SessionSnapshot? Delete(Guid sessionId)
    {
        if (!_byId.Remove(sessionId, out var known)) return null;
        known.Bucket.Remove(known.Session);
        if (known.Bucket.Sessions.Count == 0) _buckets.Remove(known.Bucket.Key);
        return known.Session;
    }

    public SessionSnapshot? Find(Guid sessionId) => _byId.TryGetValue(sessionId, out var known) ? known.Session : null;

    /// <summary>The whole tile in brief: its buckets' counts and sums added up, and the earliest end among them.</summary>
    public TileSummary Summary()
    {
        var (latitudes, longitudes, earliestEnd) = (0.0, 0.0, DateTimeOffset.MaxValue);
        foreach (var bucket in _buckets.Values)
        {
            (latitudes, longitudes) = (latitudes + bucket.LatitudeSum, longitudes + bucket.LongitudeSum);
            if (bucket.EarliestEnd < earliestEnd) earliestEnd = bucket.EarliestEnd;
        }
        return new TileSummary(_byId.Count, latitudes, longitudes, earliestEnd);
    }

    /// <summary>The sessions of the named buckets (of a fine tile; a coarse tile's one bucket whatever the names), in start-time order (then id).</summary>
    public IEnumerable<SessionSnapshot> InStartOrder(IReadOnlyList<string> bucketKeys) =>
        Merge(Touched(_ => bucketKeys).Select(b => b.Bucket.Sessions).ToList());

    /// <summary>The sessions of the buckets the query's circle may reach, in start-time order (then id).</summary>
    public IEnumerable<SessionSnapshot> InStartOrder(NearbyQuery query) =>
        Merge(Touched(grid => grid.Cover(query.Latitude, query.Longitude, query.RadiusKm))
            .Where(b => b.Key == Whole || MayReach(bucketGrid!.BoundsOf(b.Key), query))
            .Select(b => b.Bucket.Sessions).ToList());

    /// <summary>
    /// Whether a bucket's area comes within the circle's radius. The covering names every bucket of the circle's bounding
    /// box, and the box's corners lie wholly outside the circle: every session read there was read only to be refused.
    /// The distance is to the area's point nearest along the centre's parallel and meridian, a hair farther than the
    /// nearest point of a sphere off the equator (millimetres at 10 km), so a margin keeps every bucket that may hold a
    /// match; near a pole, where meridians converge, every bucket is read.
    /// </summary>
    private static bool MayReach((double South, double West, double North, double East) area, NearbyQuery query)
    {
        if (Math.Abs(query.Latitude) > NoPruningBeyondLatitude) return true;
        var latitude = Math.Clamp(query.Latitude, area.South, area.North);
        // The nearer edge, the other way round the globe when that is nearer (haversine wraps longitudes).
        var longitude = query.Longitude >= area.West && query.Longitude <= area.East ? query.Longitude
            : AngleBetween(query.Longitude, area.West) <= AngleBetween(query.Longitude, area.East) ? area.West : area.East;
        return Haversine.DistanceKm(query.Latitude, query.Longitude, latitude, longitude) <= query.RadiusKm * (1 + ReachMargin);
    }

    private const double NoPruningBeyondLatitude = 80;
    private const double ReachMargin = 0.01;

    private static double AngleBetween(double longitude, double other)
    {
        var apart = Math.Abs(longitude - other) % 360;
        return Math.Min(apart, 360 - apart);
    }

    /// <summary>The sessions of the buckets the box touches, in start-time order (then id).</summary>
    public IEnumerable<SessionSnapshot> InStartOrder(ViewQuery query) =>
        Merge(Touched(grid => grid.CoverBox(query.South, query.West, query.North, query.East)).Select(b => b.Bucket.Sessions).ToList());

    /// <summary>The buckets the box touches, each with its area.</summary>
    public IEnumerable<(Bucket Bucket, (double South, double West, double North, double East) Bounds)> Touching(ViewQuery query) =>
        Touched(grid => grid.CoverBox(query.South, query.West, query.North, query.East))
            .Select(b => (b.Bucket, b.Key == Whole ? tileBounds : bucketGrid!.BoundsOf(b.Key)));

    private List<(string Key, Bucket Bucket)> Touched(Func<GeoGrid, IReadOnlyList<string>> cover)
    {
        if (bucketGrid is null) return _buckets.TryGetValue(Whole, out var all) ? [(Whole, all)] : [];
        var touched = new List<(string, Bucket)>();
        if (_buckets.Count == 0) return touched;
        foreach (var key in cover(bucketGrid))
            if (_buckets.TryGetValue(key, out var bucket)) touched.Add((key, bucket));
        return touched;
    }

    private static IEnumerable<SessionSnapshot> Merge(List<IReadOnlyList<SessionSnapshot>> buckets) => SortedMerge.Of(buckets, SessionOrder.Instance);
}
