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

        /// <summary>The index of the first session here that is not before <paramref name="first"/> in the order.</summary>
        public int IndexFrom(SessionSnapshot first)
        {
            var at = _sessions.BinarySearch(first, SessionOrder.Instance);
            return at >= 0 ? at : ~at;
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

    /// <summary>
    /// A search reads a fine tile's own start-ordered list for up to this many entries per result it asks for, then the
    /// buckets its circle or box reaches. Scanning an entry costs about a fiftieth of a step of the buckets' merge, so the
    /// list is the cheaper read until fewer than about one entry in this many matches (a small corner of a dense tile).
    /// </summary>
    public const int ScanPerResult = 32;

    private readonly Dictionary<Guid, (SessionSnapshot Session, Bucket Bucket)> _byId = [];
    private readonly Dictionary<string, Bucket> _buckets = [];

    /// <summary>A fine tile's sessions as one list (a coarse tile's one bucket is such a list already).</summary>
    private readonly TileStartOrder? _startOrder = bucketGrid is null ? null : new TileStartOrder();

    public int Count => _byId.Count;

    public void Put(SessionSnapshot session)
    {
        var before = Take(session.Id);
        // A new record of a session that keeps its start (a seat taken, a title changed) replaces the old in place.
        if (before is not null && before.StartTime != session.StartTime) _startOrder?.Remove(before);
        _startOrder?.Put(session);
        var key = bucketGrid?.TileOf(session.Latitude, session.Longitude) ?? Whole;
        if (!_buckets.TryGetValue(key, out var bucket)) _buckets[key] = bucket = new Bucket(key);
        bucket.Add(session);
        _byId[session.Id] = (session, bucket);
    }

    /// <summary>Removes the session; answers what was known of it, if anything.</summary>
    public SessionSnapshot? Delete(Guid sessionId)
    {
        var known = Take(sessionId);
        if (known is not null) _startOrder?.Remove(known);
        return known;
    }

    /// <summary>Takes the session out of its bucket, not out of the start-ordered list.</summary>
    private SessionSnapshot? Take(Guid sessionId)
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
        Merge(Touched(_ => bucketKeys).Select(b => b.Bucket).ToList(), from: null);

    /// <summary>The sessions of the buckets the query's circle may reach, in start-time order (then id).</summary>
    public IEnumerable<SessionSnapshot> InStartOrder(NearbyQuery query) => Merge(Reached(query), from: null);

    /// <summary>
    /// The sessions the circle's search may match, in start-time order (then id), from its cursor on: a superset of
    /// its matches, each session once. <paramref name="place"/> is the search's own box test.
    /// </summary>
    public IEnumerable<SessionSnapshot> InStartOrder(NearbyQuery query, IPlaceTest place) =>
        _startOrder is null ? InStartOrder(query) : Scan(query.After, query.Limit, place, from => Merge(Reached(query), from));

    /// <summary>The box's sessions (a superset), in start-time order (then id), from its cursor on; as above.</summary>
    public IEnumerable<SessionSnapshot> InStartOrder(ViewQuery query, IPlaceTest place) =>
        _startOrder is null ? InStartOrder(query) : Scan(query.After, query.Limit, place, from => Merge(Boxed(query), from));

    /// <summary>
    /// The start-ordered list read from the cursor on, each entry's position tested before its record is touched; past
    /// <see cref="ScanPerResult"/> entries per result the rest comes from the buckets, from the first entry not read. A
    /// box over less than one part in <see cref="ScanPerResult"/> of the tile reads the buckets from the start.
    /// </summary>
    private IEnumerable<SessionSnapshot> Scan(NearbyCursor? after, int limit, IPlaceTest place, Func<SessionSnapshot?, IEnumerable<SessionSnapshot>> bucketsFrom)
    {
        var entries = _startOrder!;
        // A box over a small part of the tile would find few matches per entry read: its buckets are read at once.
        if (ShareOfTile(place.Box) < 1.0 / ScanPerResult)
        {
            foreach (var session in bucketsFrom(null)) yield return session;
            yield break;
        }
        var first = entries.FirstAfter(after);
        var end = (long)first + (long)ScanPerResult * Math.Max(1, limit);
        for (var i = first; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (i == end)
            {
                foreach (var session in bucketsFrom(entry.Session)) yield return session;
                yield break;
            }
            if (place.MayHold(entry.Latitude, entry.Longitude)) yield return entry.Session;
        }
    }

    /// <summary>The share of the tile's area the box covers (a box across the antimeridian counts as all of it).</summary>
    private double ShareOfTile((double South, double West, double North, double East) box)
    {
        if (box.West > box.East) return 1;
        var (south, west, north, east) = tileBounds;
        var height = Math.Min(box.North, north) - Math.Max(box.South, south);
        var width = Math.Min(box.East, east) - Math.Max(box.West, west);
        return height <= 0 || width <= 0 ? 0 : height * width / ((north - south) * (east - west));
    }

    private List<Bucket> Reached(NearbyQuery query) =>
        Touched(grid => grid.Cover(query.Latitude, query.Longitude, query.RadiusKm))
            .Where(b => b.Key == Whole || MayReach(bucketGrid!.BoundsOf(b.Key), query))
            .Select(b => b.Bucket).ToList();

    private List<Bucket> Boxed(ViewQuery query) =>
        Touched(grid => grid.CoverBox(query.South, query.West, query.North, query.East)).Select(b => b.Bucket).ToList();

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
    public IEnumerable<SessionSnapshot> InStartOrder(ViewQuery query) => Merge(Boxed(query), from: null);

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

    /// <summary>The buckets' sessions merged in start-time order (then id), from the first not before <paramref name="from"/>.</summary>
    private static IEnumerable<SessionSnapshot> Merge(List<Bucket> buckets, SessionSnapshot? from) =>
        SortedMerge.Of(buckets.ConvertAll(b => b.Sessions), SessionOrder.Instance, from is null ? null : buckets.ConvertAll(b => b.IndexFrom(from)));
}
