namespace DeepWorkMap.Server.Hosting;

/// <summary>What the collector says at one check: its heap now and the free space in it (fragmentation), the heap after its
/// last blocking full collection, and the bytes the process has allocated so far.</summary>
public readonly record struct HeapReading(long HeapBytes, long HeapAfterLastBlockingCollectionBytes, long AllocatedBytes, long FragmentedBytes = 0)
{
    /// <summary>
    /// Background gen2 collections are left out of the baseline on purpose. One that runs late in a burst marks what was
    /// alive as it started and sweeps the rest into free lists; promotions for the rest of the burst fill those, so the
    /// heap after it already holds the burst's garbage and the free space the next reading sees is small. Measured from
    /// it, a durable silo whose burst ended soon after such a collection saw less than 64 MiB to win and kept 837–899 MiB
    /// resident, where the collection leaves about 640 (docs/benchmarks.md, Memory).
    /// </summary>
    public static HeapReading Now()
    {
        var lastBlocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var last = GC.GetGCMemoryInfo(GCKind.Any);
        return new(last.HeapSizeBytes, lastBlocking.HeapSizeBytes, GC.GetTotalAllocatedBytes(), last.FragmentedBytes);
    }
}

/// <summary>
/// When to ask for a full collection: what a compacting one would return (the heap's growth since the last blocking full
/// one, plus its free space) is at least <c>growthBytes</c>, and the process allocated at most <c>quietAllocatedBytes</c> since the
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
                      && reading.HeapBytes - reading.HeapAfterLastBlockingCollectionBytes + reading.FragmentedBytes >= growthBytes
                      // Free space a compacting collection could not return (pinned objects) is no reason to pause again:
                      // only a new burst, as much allocated again, is.
                      && !(reading.AllocatedBytes - allocatedAtLastCollection < growthBytes);
        if (collect) allocatedAtLastCollection = reading.AllocatedBytes;
        return collect;
    }
}
