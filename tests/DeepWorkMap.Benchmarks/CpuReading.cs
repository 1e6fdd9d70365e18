using System.Diagnostics;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// CPU time used, from Linux's /proc: by the benchmark's process or processes (server, clients) and by PostgreSQL's,
/// to tell how full the machine was during a step; and the time the hypervisor gave the VM's cores to
/// someone else (steal), which no code here can win back.
/// </summary>
public sealed record CpuReading(TimeSpan ThisProcess, TimeSpan Server, TimeSpan Postgres, TimeSpan Stolen, long At, bool ServerApart)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on Linux

    /// <param name="serverProcessId">The server's process: this one, or another when the clients run apart.</param>
    public static CpuReading Now(int serverProcessId)
    {
        var apart = serverProcessId != Environment.ProcessId;
        return new(Process.GetCurrentProcess().TotalProcessorTime, apart ? ProcessTime(serverProcessId) : TimeSpan.Zero,
            PostgresTime(), StolenTime(), Stopwatch.GetTimestamp(), apart);
    }

    public string Since(CpuReading before)
    {
        var wall = Stopwatch.GetElapsedTime(before.At, At).TotalSeconds * Environment.ProcessorCount;
        string Share(TimeSpan used) => $"{used.TotalSeconds / wall:P0}";
        var processes = ServerApart
            ? $"server process {Share(Server - before.Server)}, clients process {Share(ThisProcess - before.ThisProcess)}"
            : $"this process {Share(ThisProcess - before.ThisProcess)}";
        return $"CPU of the machine: {processes}, PostgreSQL {Share(Postgres - before.Postgres)}, " +
               $"stolen by the hypervisor {Share(Stolen - before.Stolen)}";
    }

    /// <summary>The server's (this process's, or the server process's) and PostgreSQL's shares of the machine, in percent.</summary>
    public (double Server, double Postgres) SharesSince(CpuReading before)
    {
        var wall = Stopwatch.GetElapsedTime(before.At, At).TotalSeconds * Environment.ProcessorCount;
        var server = ServerApart ? Server - before.Server : ThisProcess - before.ThisProcess;
        return (100 * server.TotalSeconds / wall, 100 * (Postgres - before.Postgres).TotalSeconds / wall);
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
                ticks += UsedTicks(dir);
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

    public static TimeSpan ProcessTime(int processId) => TimeSpan.FromSeconds(UsedTicks($"/proc/{processId}") / TicksPerSecond);

    /// <summary>utime + stime, fields 14 and 15 of /proc/PID/stat.</summary>
    private static long UsedTicks(string processDirectory)
    {
        var stat = File.ReadAllText(Path.Combine(processDirectory, "stat"));
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11]) + long.Parse(fields[12]);
    }
}
