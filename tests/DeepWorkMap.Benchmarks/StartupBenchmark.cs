using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

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
        var server = Path.Combine(Environment.CurrentDirectory, "src", "DeepWorkMap.Server", "bin", "Release", "net10.0", "DeepWorkMap.Server.dll");
        if (!File.Exists(server)) throw new InvalidOperationException($"{server} is missing: build the server in Release (scripts/benchmark.sh does).");
        await using var database = await BenchDatabase.CreateAsync(admin, "bench_start");
        var report = new Report($"Cold start: process start to the first 200 on /health/ready, {runs} starts each after one untimed",
            "mode", "median s", "min s", "max s", $"vs the {GoalSeconds} s goal");
        foreach (var (mode, cluster) in new[] { ("embedded (no connection strings)", false), ("cluster (PostgreSQL, Redis membership)", true) })
        {
            var seconds = new List<double>();
            for (var run = 0; run <= runs; run++)
            {
                var elapsed = await StartOnceAsync(server, cluster ? database.ConnectionString : null, cluster ? redis : null);
                if (run > 0) seconds.Add(elapsed.TotalSeconds);
            }
            seconds.Sort();
            var median = seconds[seconds.Count / 2];
            report.Row(mode, median, seconds[0], seconds[^1], $"{median / GoalSeconds:F2}×");
        }
        report.Note("The untimed first start of each mode warms the file cache; the first cluster start also migrates the schema.");
        report.Publish("startup.md");
    }

    private static async Task<TimeSpan> StartOnceAsync(string server, string? postgres, string? redis)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(server);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Orleans__SiloPort"] = FreePort().ToString();
        start.Environment["Orleans__GatewayPort"] = FreePort().ToString();
        if (postgres is not null)
        {
            start.Environment["ConnectionStrings__Postgres"] = postgres;
            start.Environment["ConnectionStrings__Redis"] = redis!;
            start.Environment["Orleans__ClusterId"] = $"start-{Guid.NewGuid():N}";
            start.Environment["Orleans__AdvertisedIP"] = "127.0.0.1";
            start.Environment["Jwt__SigningKey"] = "benchmark-signing-key-0123456789abcdef-0123456789";
        }
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return clock.Elapsed;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }
                if (process.HasExited) throw new InvalidOperationException($"the server exited with {process.ExitCode}");
                await Task.Delay(10);
            }
            throw new TimeoutException("the server was not ready within 60 s");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
