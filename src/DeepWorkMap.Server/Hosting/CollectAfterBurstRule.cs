namespace DeepWorkMap.Server.Hosting;

/// <summary>What the collector says at one check: its heap now and the free space in it (fragmentation), the heap after its
/// last full collection, and the bytes the process has allocated so far.</summary>
public readonly record struct HeapReading(long HeapBytes, long HeapAfterLastFullCollectionBytes, long AllocatedBytes, long FragmentedBytes = 0)
{
    public static HeapReading Now()
    {
        var fullBlocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        var lastFull = fullBlocking.Index >= background.Index ? fullBlocking : background;
        var last = GC.GetGCMemoryInfo(GCKind.Any);
        return new(last.HeapSizeBytes, lastFull.HeapSizeBytes, GC.GetTotalAllocatedBytes(), last.FragmentedBytes);
    }
}

/// <summary>
/// When to ask for a full collection: what a compacting one would return (the heap's growth since the last full one, plus
/// its free space) is at least <c>growthBytes</c>, and the process allocated at most <c>quietAllocatedBytes</c> since the
/// previous check. Objects alive while a burst of requests was in flight are promoted to gen2 and die there; the collector
/// collects gen2 only when enough is promoted, which a silo with nothing more to do never reaches, so that garbage stays
/// resident. A background gen2 collection during the burst does not return it either: it sweeps the dead objects into free
/// lists (fragmentation) for later allocations, and keeps the memory committed. One collection once the burst has passed returns it,
/// and it is never repeated while the silo is busy (the pause would fall on requests) or until the heap grows again.
/// </summary>
public sealed class CollectAfterBurstRule(long growthBytes, long quietAllocatedBytes)
{
    private long? allocatedAtLastCheck;
    private long? allocatedAtLastCollection;

    public bool ShouldCollect(HeapReading reading)
    {
        var allocatedInWindow = reading.AllocatedBytes - allocatedAtLastCheck;
        allocatedAtLastCheck = reading.AllocatedBytes;
        var collect = allocatedInWindow <= quietAllocatedBytes
                      && reading.HeapBytes - reading.HeapAfterLastFullCollectionBytes + reading.FragmentedBytes >= growthBytes
                      // Free space a compacting collection could not return (pinned objects) is no reason to pause again:
                      // only a new burst, as much allocated again, is.
                      && !(reading.AllocatedBytes - allocatedAtLastCollection < growthBytes);
        if (collect) allocatedAtLastCollection = reading.AllocatedBytes;
        return collect;
    }
}
