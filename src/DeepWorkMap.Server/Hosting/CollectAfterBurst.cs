using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// Asks for one full, compacting collection once a burst of activity has passed and the silo is quiet
/// (<see cref="CollectAfterBurstRule"/>). The runtime's own settings do not do this: conserving memory compacts a
/// fragmented gen2 but does not collect one that is not collected at all, and the server collector (DATAS) held more.
/// </summary>
public sealed partial class CollectAfterBurst(IOptions<CollectAfterBurstOptions> options, ILogger<CollectAfterBurst> logger, Func<HeapReading> read)
    : BackgroundService
{
    private const long MiB = 1024 * 1024;

    public CollectAfterBurst(IOptions<CollectAfterBurstOptions> options, ILogger<CollectAfterBurst> logger) : this(options, logger, HeapReading.Now)
    {
    }

    /// <summary>How many collections this service asked for (read by its test).</summary>
    public int Collections { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;
        var rule = new CollectAfterBurstRule(settings.GrowthMiB * MiB, settings.QuietAllocatedMiB * MiB);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.QuietSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var reading = read();
            LogChecked(logger, reading.HeapBytes / MiB, reading.HeapAfterLastBlockingCollectionBytes / MiB, reading.FragmentedBytes / MiB, reading.AllocatedBytes / MiB);
            if (rule.ShouldCollect(reading)) Collect(reading);
        }
    }

    private void Collect(HeapReading before)
    {
        // Aggressive: blocking and compacting, and the collector decommits what it no longer needs, so the resident set
        // falls with the heap rather than keeping the space committed for allocations that are not coming.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Collections++;
        var after = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        LogCollected(logger, before.HeapBytes / MiB, after.HeapSizeBytes / MiB, after.PauseDurations[0].TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Heap check: {HeapMiB} MiB, {AfterLastCompactingMiB} MiB after the last blocking full collection, {FreeMiB} MiB free in it, {AllocatedMiB} MiB allocated so far")]
    private static partial void LogChecked(ILogger logger, long heapMiB, long afterLastCompactingMiB, long freeMiB, long allocatedMiB);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quiet after a burst: a full collection took the heap from {BeforeMiB} to {AfterMiB} MiB, pausing {PauseMs:F0} ms")]
    private static partial void LogCollected(ILogger logger, long beforeMiB, long afterMiB, double pauseMs);
}
