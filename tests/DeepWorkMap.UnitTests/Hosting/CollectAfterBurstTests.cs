using System.Diagnostics;
using DeepWorkMap.Server.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.UnitTests.Hosting;

/// <summary>
/// A silo that has gone quiet after a burst collects gen2 once, so the burst's garbage does not stay resident; it does not
/// collect while busy (the pause would fall on requests), after a small burst, or twice for one burst.
/// </summary>
public sealed class CollectAfterBurstTests
{
    private const long MiB = 1024 * 1024;
    private readonly CollectAfterBurstRule rule = new(growthBytes: 64 * MiB, quietAllocatedBytes: 16 * MiB);

    [Fact]
    public void A_heap_grown_by_a_burst_is_collected_once_the_next_window_is_quiet()
    {
        Assert.False(rule.ShouldCollect(new(HeapBytes: 700 * MiB, HeapAfterLastBlockingCollectionBytes: 100 * MiB, AllocatedBytes: 5_000 * MiB)));
        Assert.True(rule.ShouldCollect(new(700 * MiB, 100 * MiB, 5_010 * MiB)));
    }

    [Fact]
    public void A_busy_silo_is_not_paused()
    {
        rule.ShouldCollect(new(700 * MiB, 100 * MiB, 5_000 * MiB));
        Assert.False(rule.ShouldCollect(new(700 * MiB, 100 * MiB, 5_100 * MiB)));
        Assert.False(rule.ShouldCollect(new(720 * MiB, 100 * MiB, 5_200 * MiB)));
        Assert.True(rule.ShouldCollect(new(720 * MiB, 100 * MiB, 5_201 * MiB)));
    }

    [Fact]
    public void A_small_burst_is_left_to_the_collector()
    {
        rule.ShouldCollect(new(150 * MiB, 100 * MiB, 5_000 * MiB));
        Assert.False(rule.ShouldCollect(new(150 * MiB, 100 * MiB, 5_001 * MiB)));
    }

    [Fact]
    public void Garbage_a_background_collection_left_as_free_space_is_collected_once_quiet()
    {
        // Seen at ~45,000 sessions: the last gen2 collection, a background one during the burst, left 64 MiB of gen2 free.
        rule.ShouldCollect(new(490 * MiB, 488 * MiB, 8_000 * MiB, FragmentedBytes: 76 * MiB));
        Assert.True(rule.ShouldCollect(new(490 * MiB, 488 * MiB, 8_001 * MiB, FragmentedBytes: 76 * MiB)));
        // A compacting collection leaves next to no free space: not again.
        Assert.False(rule.ShouldCollect(new(410 * MiB, 410 * MiB, 8_002 * MiB, FragmentedBytes: 1 * MiB)));
    }

    [Fact]
    public void One_burst_is_collected_once()
    {
        rule.ShouldCollect(new(700 * MiB, 100 * MiB, 5_000 * MiB));
        Assert.True(rule.ShouldCollect(new(700 * MiB, 100 * MiB, 5_001 * MiB)));
        // The collection is now the last full one: the heap is what survived it.
        Assert.False(rule.ShouldCollect(new(460 * MiB, 460 * MiB, 5_002 * MiB)));
        Assert.False(rule.ShouldCollect(new(470 * MiB, 460 * MiB, 5_003 * MiB)));
        // Free space the collection could not return (pinned objects) does not pause a quiet silo again and again.
        Assert.False(rule.ShouldCollect(new(540 * MiB, 460 * MiB, 5_004 * MiB, FragmentedBytes: 80 * MiB)));
        // A new burst (as much allocated again) that leaves as much again is collected once more.
        rule.ShouldCollect(new(700 * MiB, 460 * MiB, 5_500 * MiB));
        Assert.True(rule.ShouldCollect(new(700 * MiB, 460 * MiB, 5_501 * MiB)));
    }

    [Fact]
    public async Task The_service_asks_for_a_full_compacting_collection_when_the_rule_says_so()
    {
        var readings = new Queue<HeapReading>([new(700 * MiB, 100 * MiB, 5_000 * MiB), new(700 * MiB, 100 * MiB, 5_001 * MiB)]);
        var fullCollectionsBefore = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;
        var service = new CollectAfterBurst(Options.Create(new CollectAfterBurstOptions { QuietSeconds = 0.05 }), NullLogger<CollectAfterBurst>.Instance,
            () => readings.TryDequeue(out var next) ? next : new(460 * MiB, 460 * MiB, 5_002 * MiB));
        await service.StartAsync(CancellationToken.None);
        try
        {
            var waited = Stopwatch.StartNew();
            while (service.Collections == 0 && waited.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);
            Assert.Equal(1, service.Collections);
            var collection = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            Assert.True(collection.Index > fullCollectionsBefore);
            Assert.True(collection.Compacted);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Turned_off_it_never_looks()
    {
        var looked = false;
        var service = new CollectAfterBurst(Options.Create(new CollectAfterBurstOptions { Enabled = false, QuietSeconds = 0.05 }), NullLogger<CollectAfterBurst>.Instance,
            () => { looked = true; return new(700 * MiB, 100 * MiB, 5_000 * MiB); });
        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30)); // it stops at once
        Assert.False(looked);
        Assert.Equal(0, service.Collections);
    }
}
