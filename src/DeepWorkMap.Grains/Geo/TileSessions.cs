using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// What one tile holds: the sessions it shows, in <see cref="TileBuckets"/>, and the later occurrences of weekly series
/// kept aside. A series shows once, at its earliest occurrence here (the tile holds only sessions that are not over):
/// when that one finishes, is cancelled or leaves, the next one shows in its place. Each change answers what changed
/// on the map, for the tile's region and the live maps behind it.
/// </summary>
public sealed class TileSessions(GeoGrid? bucketGrid, (double South, double West, double North, double East) tileBounds)
{
    /// <summary>Every occurrence here of each series, in start order: the first is the one shown.</summary>
    private readonly Dictionary<Guid, SortedSet<SessionSnapshot>> _series = [];

    /// <summary>The series occurrences held here, by session id, as last told.</summary>
    private readonly Dictionary<Guid, SessionSnapshot> _occurrences = [];

    public TileBuckets Shown { get; } = new(bucketGrid, tileBounds);

    /// <summary>Adds the session or replaces what was known of it; answers what changed on the map.</summary>
    public IReadOnlyList<TileChange> Put(SessionSnapshot session)
    {
        var series = SeriesOf(session.Id, session.SeriesId);
        var before = ShownAmong(series, session.Id);
        Take(session.Id);
        if (session.SeriesId is { } seriesId)
        {
            if (!_series.TryGetValue(seriesId, out var occurrences)) _series[seriesId] = occurrences = new SortedSet<SessionSnapshot>(SessionOrder.Instance);
            occurrences.Add(session);
            _occurrences[session.Id] = session;
        }
        else
        {
            Shown.Put(session);
        }
        return Show(before, ShownAmong(series, session.Id), changed: session.Id);
    }

    /// <summary>
    /// Removes the session (a series' next occurrence shows if this one was shown); answers what changed on the map. The
    /// removal goes out as the session is <paramref name="now"/>, when told, so its watchers hear why it left.
    /// </summary>
    public IReadOnlyList<TileChange> Delete(Guid sessionId, SessionSnapshot? now = null)
    {
        var series = SeriesOf(sessionId, null);
        var before = ShownAmong(series, sessionId);
        Take(sessionId);
        var changes = Show(before, ShownAmong(series, sessionId), changed: null);
        return now is null ? changes : changes.Select(c => c.Removed && c.Session.Id == now.Id ? c with { Session = now } : c).ToList();
    }

    /// <summary>Nothing shown and nothing aside.</summary>
    public bool IsEmpty => Shown.Count == 0 && _occurrences.Count == 0;

    /// <summary>What the tile shows, in brief.</summary>
    public TileSummary Summary() => Shown.Summary();

    /// <summary>The series a change of the session touches: the one it is held in here, and the one it goes to.</summary>
    private Guid[] SeriesOf(Guid sessionId, Guid? seriesId) =>
        new[] { _occurrences.GetValueOrDefault(sessionId)?.SeriesId, seriesId }.OfType<Guid>().Distinct().ToArray();

    /// <summary>What is shown of the session (outside a series) and of each of the series: its first occurrence.</summary>
    private List<SessionSnapshot> ShownAmong(Guid[] series, Guid sessionId)
    {
        var shown = new List<SessionSnapshot>(2);
        if (!_occurrences.ContainsKey(sessionId) && Shown.Find(sessionId) is { } alone) shown.Add(alone);
        foreach (var seriesId in series)
            if (_series.TryGetValue(seriesId, out var occurrences)) shown.Add(occurrences.Min!);
        return shown;
    }

    /// <summary>Takes the session out of what the tile holds, shown or aside, saying nothing yet.</summary>
    private void Take(Guid sessionId)
    {
        Shown.Delete(sessionId);
        if (!_occurrences.Remove(sessionId, out var occurrence)) return;
        var occurrences = _series[occurrence.SeriesId!.Value];
        occurrences.Remove(occurrence);
        if (occurrences.Count == 0) _series.Remove(occurrence.SeriesId.Value);
    }

    /// <summary>Shows what is to be shown now, and says what left the map and what came onto it or changed there.</summary>
    private List<TileChange> Show(List<SessionSnapshot> before, List<SessionSnapshot> after, Guid? changed)
    {
        var changes = new List<TileChange>(2);
        foreach (var gone in before)
        {
            if (after.Exists(s => s.Id == gone.Id)) continue;
            Shown.Delete(gone.Id);
            changes.Add(new TileChange(gone, Removed: true));
        }
        foreach (var shown in after)
        {
            Shown.Put(shown);
            if (shown.Id == changed || !before.Exists(s => s.Id == shown.Id)) changes.Add(new TileChange(shown, Removed: false));
        }
        return changes;
    }
}
