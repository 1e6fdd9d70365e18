namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// Lists each already in one order, read as one list in that order: a queue of each list's next item, so reading the
/// first k of n items from m lists costs k sifts of a queue of m, not a sort of all n (a search stops at its limit).
/// </summary>
public static class SortedMerge
{
    /// <summary>The lists as one, each read from its index in <paramref name="starts"/> (null: from its first item).</summary>
    public static IEnumerable<T> Of<T>(IReadOnlyList<IReadOnlyList<T>> lists, IComparer<T> order, IReadOnlyList<int>? starts = null) =>
        lists.Count switch
        {
            0 => [],
            1 when starts is null || starts[0] == 0 => lists[0],
            _ => Many(lists, order, starts),
        };

    /// <summary>The first <paramref name="limit"/> items of the lists in their order, as one list.</summary>
    public static List<T> First<T>(IReadOnlyList<IReadOnlyList<T>> lists, IComparer<T> order, int limit)
    {
        var first = new List<T>(Math.Min(limit, lists.Sum(list => list.Count)));
        foreach (var item in Of(lists, order))
        {
            if (first.Count == limit) break;
            first.Add(item);
        }
        return first;
    }

    private static IEnumerable<T> Many<T>(IReadOnlyList<IReadOnlyList<T>> lists, IComparer<T> order, IReadOnlyList<int>? starts)
    {
        var heads = new PriorityQueue<int, T>(lists.Count, order);
        var next = new int[lists.Count];
        for (var l = 0; l < lists.Count; l++)
        {
            next[l] = starts?[l] ?? 0;
            if (next[l] < lists[l].Count) heads.Enqueue(l, lists[l][next[l]]);
        }
        while (heads.TryPeek(out var l, out var item))
        {
            yield return item;
            var after = ++next[l];
            // One sift instead of two when the list has more: its next item takes its place in the queue.
            if (after < lists[l].Count) heads.DequeueEnqueue(l, lists[l][after]);
            else heads.Dequeue();
        }
    }
}
