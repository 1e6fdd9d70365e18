using System.Diagnostics;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// PostgreSQL's own count of the work a stretch of a benchmark caused: committed transactions in the benchmark's
/// database and WAL flushes (fsyncs) in the whole server, which with durable settings is what a commit waits for.
/// The server publishes these counters lazily (a busy backend at most once a second, an idle one after about ten), so
/// <see cref="SinceAsync"/> waits that long first. Beside them, the CPU time the benchmark's PostgreSQL and this process
/// (the server runs in it) spent, read from the kernel.
/// </summary>
public sealed record DatabaseWork(long Commits, long WalFlushes, TimeSpan PostgresCpu, TimeSpan ServerCpu)
{
    private static readonly TimeSpan StatisticsSettle = TimeSpan.FromSeconds(11);

    public static async Task<DatabaseWork> ReadAsync(BenchDatabase db) => new(
        await db.ScalarAsync<long>("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"),
        await db.ScalarAsync<long>("SELECT wal_sync FROM pg_stat_wal"),
        PostgresCpuTime(ParentOf(await db.ScalarAsync<int>("SELECT pg_backend_pid()"))), Process.GetCurrentProcess().TotalProcessorTime);

    /// <summary>
    /// User and system time of the benchmark's PostgreSQL: its postmaster and the processes it forked (backends, the WAL
    /// writer, the checkpointer). Other PostgreSQL servers on the machine (a test run's) are left out. Read from /proc,
    /// where fields 4, 14 and 15 after the name are the parent and utime and stime in clock ticks (100 a second).
    /// </summary>
    private static TimeSpan PostgresCpuTime(int postmaster)
    {
        var ticks = 0L;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || Stat(pid) is not { } fields) continue;
            if (pid == postmaster || int.Parse(fields[1]) == postmaster) ticks += long.Parse(fields[11]) + long.Parse(fields[12]);
        }
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static int ParentOf(int pid) => Stat(pid) is { } fields ? int.Parse(fields[1]) : throw new InvalidOperationException($"no process {pid}");

    /// <summary>The fields of /proc/PID/stat after the process's name (state first), or null once it has exited.</summary>
    private static string[]? Stat(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // exited meanwhile
        }
        var nameEnd = stat.LastIndexOf(')');
        return nameEnd < 0 ? null : stat[(nameEnd + 2)..].Split(' ');
    }

    /// <summary>The work done since <paramref name="start"/>, once every backend has published its counts.</summary>
    public static async Task<DatabaseWork> SinceAsync(BenchDatabase db, DatabaseWork start)
    {
        await Task.Delay(StatisticsSettle);
        var now = await ReadAsync(db);
        return new(now.Commits - start.Commits, now.WalFlushes - start.WalFlushes, now.PostgresCpu - start.PostgresCpu, now.ServerCpu - start.ServerCpu);
    }
}
