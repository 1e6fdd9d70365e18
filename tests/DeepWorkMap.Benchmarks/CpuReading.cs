using System.Diagnostics;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// CPU time used, from Linux's /proc: by this process (server and clients) and by PostgreSQL's processes,
/// to tell how full the machine was during a step.
/// </summary>
public sealed record CpuReading(TimeSpan ThisProcess, TimeSpan Postgres, long At)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on Linux

    public static CpuReading Now() =>
        new(Process.GetCurrentProcess().TotalProcessorTime, PostgresTime(), Stopwatch.GetTimestamp());

    public string Since(CpuReading before)
    {
        var wall = Stopwatch.GetElapsedTime(before.At, At).TotalSeconds * Environment.ProcessorCount;
        string Share(TimeSpan used) => $"{used.TotalSeconds / wall:P0}";
        return $"CPU of the machine: this process {Share(ThisProcess - before.ThisProcess)}, PostgreSQL {Share(Postgres - before.Postgres)}";
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
