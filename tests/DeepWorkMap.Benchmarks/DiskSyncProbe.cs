using System.Diagnostics;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// How long the disk takes to make a small write durable, sampled while a step runs: an 8 KiB write and an
/// fsync every 20 ms, on the file system of PostgreSQL's data. A durable chat message waits for the same kind
/// of flush (PostgreSQL's WAL), so a stalled disk shows in the grain path's tail and not in the baseline's.
/// </summary>
public sealed class DiskSyncProbe : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>A flush this slow is kept with its time, to set beside the chat's slow deliveries (<see cref="ChatTail"/>).</summary>
    private const double SlowFlushMs = 2;

    private readonly string _path;
    private readonly Thread _thread;
    private readonly List<double> _latenciesMs = [];
    private readonly List<ChatTail.Hold> _slowFlushes = [];
    private volatile bool _stopping;

    private DiskSyncProbe(string directory)
    {
        _path = Path.Combine(directory, $"disk-sync-probe-{Environment.ProcessId}.dat");
        _thread = new Thread(Run) { IsBackground = true, Name = "Disk sync probe" };
        _thread.Start();
    }

    /// <summary>Probes the directory named by DWM_BENCH_DISK (scripts/benchmark.sh sets PostgreSQL's), else the temp directory.</summary>
    public static DiskSyncProbe Start() =>
        new(Environment.GetEnvironmentVariable("DWM_BENCH_DISK") is { Length: > 0 } directory ? directory : Path.GetTempPath());

    /// <summary>The flushes since the last call.</summary>
    public DiskSyncReading TakeReading()
    {
        double[] sorted;
        ChatTail.Hold[] slow;
        lock (_latenciesMs)
        {
            sorted = [.. _latenciesMs];
            _latenciesMs.Clear();
            slow = [.. _slowFlushes];
            _slowFlushes.Clear();
        }
        Array.Sort(sorted);
        return new DiskSyncReading(sorted.Length, Percentiles.Of(sorted, 0.50), Percentiles.Of(sorted, 0.99), Percentiles.Of(sorted, 1), slow);
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
        File.Delete(_path);
    }

    private void Run()
    {
        var page = new byte[8192];
        using var file = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        for (var n = 0; !_stopping; n++)
        {
            var started = Stopwatch.GetTimestamp();
            file.Position = n % 128 * page.Length;
            file.Write(page);
            file.Flush(flushToDisk: true);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lock (_latenciesMs)
            {
                _latenciesMs.Add(ms);
                if (ms >= SlowFlushMs) _slowFlushes.Add(new ChatTail.Hold(started, ms, "disk flush"));
            }
            Thread.Sleep(Interval);
        }
    }
}

/// <summary>Durations of the probe's flushes over one step, and the slow ones with their times.</summary>
public sealed record DiskSyncReading(int Samples, double P50Ms, double P99Ms, double MaxMs, [property: System.Text.Json.Serialization.JsonIgnore] IReadOnlyList<ChatTail.Hold>? SlowFlushes = null)
{
    public override string ToString() =>
        $"disk sync (8 KiB + fsync, {Samples} samples) p50 {P50Ms:F1} ms, p99 {P99Ms:F1} ms, max {MaxMs:F0} ms";
}
