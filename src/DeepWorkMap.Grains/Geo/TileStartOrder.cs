using System.Runtime.InteropServices;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// A fine tile's sessions in one list in start-time order (then id), each entry with its start and public position
/// beside its record. A search in a dense tile reads this list front to back and tests its circle's or box's bounds on
/// the entries themselves: memory read in order, where merging the tile's buckets compared records scattered over the
/// heap at every step of its queue (the merge was the largest single cost of a map answer: docs/benchmarks.md).
/// </summary>
public sealed class TileStartOrder
{
    /// <summary>One session: its start (UTC ticks) and public position, read by a scan without touching the record.</summary>
    public readonly record struct Entry(long StartTicks, double Latitude, double Longitude, SessionSnapshot Session);

    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    public Entry this[int index] => _entries[index];

    /// <summary>Adds the session, or replaces the record at its place when one with the same start and id is there.</summary>
    public void Put(SessionSnapshot session)
    {
        var entry = new Entry(session.StartTime.UtcTicks, session.Latitude, session.Longitude, session);
        var at = IndexOf(entry.StartTicks, session.Id);
        if (at >= 0) _entries[at] = entry;
        else _entries.Insert(~at, entry);
    }

    public void Remove(SessionSnapshot session)
    {
        var at = IndexOf(session.StartTime.UtcTicks, session.Id);
        if (at >= 0) _entries.RemoveAt(at);
    }

    /// <summary>Where a page that ended at <paramref name="after"/> goes on: the first entry after it in the order.</summary>
    public int FirstAfter(NearbyCursor? after)
    {
        if (after is null) return 0;
        var at = IndexOf(after.StartTime.UtcTicks, after.Id);
        return at >= 0 ? at + 1 : ~at;
    }

    /// <summary>The entry's index, or the complement of where it would go (as <see cref="List{T}.BinarySearch(T)"/>).</summary>
    private int IndexOf(long startTicks, Guid id)
    {
        var entries = CollectionsMarshal.AsSpan(_entries);
        var (low, high) = (0, entries.Length - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            ref readonly var entry = ref entries[middle];
            var order = entry.StartTicks.CompareTo(startTicks);
            if (order == 0) order = entry.Session.Id.CompareTo(id);
            if (order == 0) return middle;
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }
        return ~low;
    }
}
