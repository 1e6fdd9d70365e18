using System.Diagnostics;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// PostgreSQL's own count of the work a stretch of a benchmark caused: committed transactions in the benchmark's
/// database and WAL flushes (fsyncs) in the whole server, which with durable settings is what a commit waits for.
/// The server publishes these counters lazily (a busy backend at most once a second, an idle one after about ten), so
/// <see cref="SinceAsync"/> waits that long first. Beside them, the CPU time PostgreSQL's processes and this process
/// (the server runs in it) spent, read from the kernel.
/// </summary>
public sealed record DatabaseWork(long Commits, long WalFlushes, TimeSpan PostgresCpu, TimeSpan ServerCpu)
{
    private static readonly TimeSpan StatisticsSettle = TimeSpan.FromSeconds(11);

    public static async Task<DatabaseWork> ReadAsync(BenchDatabase db) => new(
        await db.ScalarAsync<long>("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"),
        await db.ScalarAsync<long>("SELECT wal_sync FROM pg_stat_wal"),
        PostgresCpuTime(), Process.GetCurrentProcess().TotalProcessorTime);

    /// <summary>
    /// User and system time of every process whose kernel name is postgres (the benchmark's server is the only one
    /// running). Read from /proc because a PostgreSQL backend rewrites its command line, which .NET takes as its name.
    /// </summary>
    private static TimeSpan PostgresCpuTime()
    {
        var ticks = 0L;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // not a process, or one that exited meanwhile
            }
            var nameEnd = stat.LastIndexOf(')');
            if (nameEnd < 0 || !stat.AsSpan(0, nameEnd).EndsWith("(postgres")) continue;
            // After the name: state is field 3, utime and stime fields 14 and 15, in clock ticks (100 a second).
            var fields = stat[(nameEnd + 2)..].Split(' ');
            ticks += long.Parse(fields[11]) + long.Parse(fields[12]);
        }
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>The work done since <paramref name="start"/>, once every backend has published its counts.</summary>
    public static async Task<DatabaseWork> SinceAsync(BenchDatabase db, DatabaseWork start)
    {
        await Task.Delay(StatisticsSettle);
        var now = await ReadAsync(db);
        return new(now.Commits - start.Commits, now.WalFlushes - start.WalFlushes, now.PostgresCpu - start.PostgresCpu, now.ServerCpu - start.ServerCpu);
    }
}
