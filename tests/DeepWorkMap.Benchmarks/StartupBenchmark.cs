using System.Diagnostics;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// Cold start: from starting the server's process to its first 200 on /health/ready, in embedded mode and in cluster
/// mode (PostgreSQL with the schema current, Redis membership), each started several times after one untimed start.
/// </summary>
public static class StartupBenchmark
{
    private const double GoalSeconds = 1.5;

    public static async Task RunAsync(string admin, string redis, int runs)
    {
        await using var database = await BenchDatabase.CreateAsync(admin, "bench_start");
        var report = new Report($"Cold start: process start to the first 200 on /health/ready, {runs} starts each after one untimed",
            "mode", "median s", "min s", "max s", $"vs the {GoalSeconds} s goal");
        foreach (var (mode, cluster) in new[] { ("embedded (no connection strings)", false), ("cluster (PostgreSQL, Redis membership)", true) })
        {
            var seconds = new List<double>();
            for (var run = 0; run <= runs; run++)
            {
                var environment = cluster
                    ? new Dictionary<string, string>
                    {
                        ["ConnectionStrings__Postgres"] = database.ConnectionString,
                        ["ConnectionStrings__Redis"] = redis,
                        ["Orleans__ClusterId"] = $"start-{Guid.NewGuid():N}",
                        ["Orleans__AdvertisedIP"] = "127.0.0.1",
                        ["Jwt__SigningKey"] = "benchmark-signing-key-0123456789abcdef-0123456789",
                    }
                    : [];
                var clock = Stopwatch.StartNew();
                await using var server = ServerProcess.Start(environment);
                await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
                if (run > 0) seconds.Add(clock.Elapsed.TotalSeconds);
            }
            seconds.Sort();
            var median = seconds[seconds.Count / 2];
            report.Row(mode, median, seconds[0], seconds[^1], $"{median / GoalSeconds:F2}×");
        }
        report.Note("The untimed first start of each mode warms the file cache; the first cluster start also migrates the schema.");
        report.Publish("startup.md");
    }
}
