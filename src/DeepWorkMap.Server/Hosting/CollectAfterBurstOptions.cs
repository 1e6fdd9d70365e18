using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// The <c>CollectAfterBurst</c> section: when a silo that has gone quiet after a burst asks the collector for one full,
/// compacting collection (<see cref="CollectAfterBurst"/>). Measured in docs/benchmarks.md (Memory).
/// </summary>
public sealed class CollectAfterBurstOptions
{
    public const string Section = "CollectAfterBurst";

    /// <summary>
    /// Off: the collector alone decides when gen2 is collected, which an idle silo may never do. Unset, it is on in cluster
    /// mode and off in embedded mode (SiloSetup), whose heap holds every store and would pause for seconds.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How far the heap must have grown since the last blocking full collection (background ones leave the burst's garbage
    /// in place). Smaller bursts leave too little garbage in gen2 to be worth a blocking collection.
    /// </summary>
    [Range(1, 1_000_000)] public int GrowthMiB { get; set; } = 64;

    /// <summary>The window a silo must stay quiet for, and how often it is checked.</summary>
    [Range(1, 3600)] public double QuietSeconds { get; set; } = 15;

    /// <summary>
    /// At most this much allocated in a window counts as quiet: an idle silo's timers, probes and reminders allocate a
    /// little; a silo serving requests allocates far more.
    /// </summary>
    [Range(1, 1_000_000)] public int QuietAllocatedMiB { get; set; } = 16;
}
