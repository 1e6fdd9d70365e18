namespace DeepWorkMap.Grains.Focus;

/// <summary>
/// One session's focus stretches, and what of them is still to be written. The session hands it each participant's
/// focus time as it accounts for it; time that follows on from a user's latest stretch extends it, time after a gap
/// (a break, an absence) begins a new one. A growing stretch is written every <see cref="WriteEvery"/>, so losing the
/// silo loses at most that much of anyone's focus time.
/// </summary>
public sealed class FocusTracker(Guid sessionId)
{
    /// <summary>How often a growing stretch is written: the front doors' renewal period.</summary>
    public static readonly TimeSpan WriteEvery = TimeSpan.FromSeconds(5);

    private sealed class Stretch(DateTimeOffset start, DateTimeOffset end)
    {
        public DateTimeOffset Start { get; } = start;
        public DateTimeOffset End { get; set; } = end;
        public DateTimeOffset? WrittenEnd { get; set; }
        public DateTimeOffset? WrittenAt { get; set; }
        public bool Unwritten => WrittenEnd != End;
    }

    private readonly Dictionary<Guid, Stretch> _latest = [];
    private readonly List<FocusInterval> _finished = [];

    /// <summary>Nothing left to write.</summary>
    public bool IsIdle => _finished.Count == 0 && !_latest.Values.Any(s => s.Unwritten);

    /// <summary><paramref name="userId"/> focused from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public void Add(Guid userId, DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return;
        if (_latest.TryGetValue(userId, out var latest))
        {
            if (from <= latest.End)
            {
                if (to > latest.End) latest.End = to;
                return;
            }
            if (latest.Unwritten) _finished.Add(new FocusInterval(userId, sessionId, latest.Start, latest.End));
        }
        _latest[userId] = new Stretch(from, to);
    }

    /// <summary>What to write now: every finished stretch, and each growing one not written for <see cref="WriteEvery"/>.</summary>
    public IReadOnlyList<FocusInterval> Due(DateTimeOffset now, bool all = false)
    {
        var due = new List<FocusInterval>(_finished);
        foreach (var (userId, latest) in _latest)
            if (latest.Unwritten && (all || latest.WrittenAt is not { } written || now - written >= WriteEvery))
                due.Add(new FocusInterval(userId, sessionId, latest.Start, latest.End));
        return due;
    }

    /// <summary>Marks <paramref name="written"/> (an answer of <see cref="Due"/>) as stored.</summary>
    public void Written(IReadOnlyList<FocusInterval> written, DateTimeOffset now)
    {
        foreach (var interval in written)
        {
            if (_finished.Remove(interval)) continue;
            if (_latest.TryGetValue(interval.UserId, out var latest) && latest.Start == interval.StartedAt)
            {
                latest.WrittenEnd = interval.EndedAt;
                latest.WrittenAt = now;
            }
        }
    }
}
