using System.Diagnostics;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>
/// The process cluster ops run, through scripts/cluster.sh itself: its own PostgreSQL and Redis, three silos with their
/// front doors behind HAProxy, and the script's commands (roll, down). Its output goes to artifacts/cluster-logs/.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _logs;
    private Dictionary<string, string> _env = [];

    private ProcessCluster(string directory, string logs) => (_directory, _logs) = (directory, logs);

    /// <summary>The balancer, where clients connect.</summary>
    public Uri Balancer => new($"http://127.0.0.1:{_env["BALANCER_PORT"]}/");

    /// <summary>Process N's own front door, bypassing the balancer.</summary>
    public Uri Door(int n) => new($"http://127.0.0.1:{_env[$"HTTP_{n}"]}/");

    /// <summary>Process N's operations listener (metrics, dashboard).</summary>
    public Uri Operations(int n) => new($"http://127.0.0.1:{_env[$"OPS_{n}"]}/");

    public IReadOnlyList<int> Silos => [.. _env["SILOS"].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];

    public string Postgres => $"Host=127.0.0.1;Port={_env["PG_PORT"]};Username=postgres;Database=postgres";

    /// <summary><c>cluster.sh up --build DIR</c>: the published build in DIR, co-hosted, with short health checks and drains.</summary>
    public static async Task<ProcessCluster> UpAsync(string build)
    {
        var name = "cluster-" + Guid.NewGuid().ToString("N")[..8];
        var cluster = new ProcessCluster(Path.Combine(Path.GetTempPath(), "dwm-" + name), Path.Combine(RepositoryRoot.Path, "artifacts", "cluster-logs", name));
        Directory.CreateDirectory(cluster._logs);
        await cluster.RunAsync("up", "--build", build);
        return cluster;
    }

    /// <summary><c>cluster.sh roll [--build DIR] [N...]</c>.</summary>
    public Task RollAsync(string? build, params string[] processes) =>
        RunAsync(["roll", .. build is null ? Array.Empty<string>() : ["--build", build], .. processes]);

    /// <summary>What process N's /metrics says now.</summary>
    public async Task<string> MetricsAsync(int n)
    {
        using var client = new HttpClient { BaseAddress = Operations(n), Timeout = TimeSpan.FromSeconds(30) };
        return await client.GetStringAsync("/metrics");
    }

    private async Task RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "scripts", "cluster.sh"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DWM_CLUSTER_DIR"] = _directory;
        start.Environment["DWM_CLUSTER_LOGS"] = _logs;
        // Quicker than the defaults, as the tests' other balancers: out of rotation within a second, drained in two.
        start.Environment["DWM_CHECK_INTERVAL"] = "400ms";
        start.Environment["DWM_DRAIN_SECONDS"] = "2";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var said = await output + await errors;
        await File.AppendAllTextAsync(Path.Combine(_logs, "cluster.sh.out"), $"$ cluster.sh {string.Join(' ', arguments)}\n{said}\n");
        Assert.True(process.ExitCode == 0, $"cluster.sh {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{said}");
        var envFile = Path.Combine(_directory, "env");
        if (File.Exists(envFile)) _env = ReadEnv(envFile);
    }

    /// <summary>The script's env file: NAME=value lines, values quoted the way bash's printf %q does for these.</summary>
    private static Dictionary<string, string> ReadEnv(string file) =>
        File.ReadAllLines(file).Where(line => line.Contains('=')).Select(line => line.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('\'', '"').Replace("\\ ", " ", StringComparison.Ordinal));

    /// <summary><c>cluster.sh down</c>, then no process of it may be left.</summary>
    public async ValueTask DisposeAsync()
    {
        var pids = Directory.Exists(_directory)
            ? Directory.GetFiles(_directory, "*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim())).ToList()
            : [];
        await RunAsync("down");
        foreach (var pid in pids)
            Assert.True(!IsRunning(pid), $"process {pid} still runs after cluster.sh down");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            return !Process.GetProcessById(pid).HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
