using System.Diagnostics;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// CPU time used, from Linux's /proc: by this process (server and clients) and by PostgreSQL's processes,
/// to tell how full the machine was during a step; and the time the hypervisor gave the VM's cores to
/// someone else (steal), which no code here can win back.
/// </summary>
public sealed record CpuReading(TimeSpan ThisProcess, TimeSpan Postgres, TimeSpan Stolen, long At)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on Linux

    public static CpuReading Now() =>
        new(Process.GetCurrentProcess().TotalProcessorTime, PostgresTime(), StolenTime(), Stopwatch.GetTimestamp());

    public string Since(CpuReading before)
    {
        var wall = Stopwatch.GetElapsedTime(before.At, At).TotalSeconds * Environment.ProcessorCount;
        string Share(TimeSpan used) => $"{used.TotalSeconds / wall:P0}";
        return $"CPU of the machine: this process {Share(ThisProcess - before.ThisProcess)}, PostgreSQL {Share(Postgres - before.Postgres)}, " +
               $"stolen by the hypervisor {Share(Stolen - before.Stolen)}";
    }

    /// <summary>The steal column of /proc/stat's first line (all cores).</summary>
    private static TimeSpan StolenTime()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return TimeSpan.FromSeconds(long.Parse(fields[8]) / TicksPerSecond); // cpu user nice system idle iowait irq softirq steal
    }

    /// <summary>utime + stime of every process named postgres.</summary>
    private static TimeSpan PostgresTime()
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() != "postgres") continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11]) + long.Parse(fields[12]); // utime, stime (fields 14 and 15 of stat)
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
