using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// Scale-out, shown from outside: three silo processes (each with its front door) under a load of sessions created and
/// read; a fourth is started. Measured from each silo's /metrics (orleans_grains, session grains): how long the new
/// silo takes to be ready, to take its share of new activations, and, with Orleans' activation rebalancing on, how much
/// of the existing ones it comes to hold. The baseline is the same cluster without rebalancing.
/// </summary>
public static partial class ScaleOutBenchmark
{
    private const string SessionGrains = "studysession";

    public static async Task RunAsync(string admin, string redis, TimeSpan before, TimeSpan after)
    {
        var report = new Report("Scale-out: a fourth silo started under load (sessions created and read through the first three)",
            "rebalancing", "ready after s", "its share of new sessions, first 10 s", "first 10 s window with ≥ 20% new", "its share of all sessions at the end", "sessions");
        foreach (var rebalancing in new[] { false, true })
        {
            await using var database = await BenchDatabase.CreateAsync(admin, "bench_scale");
            var clusterId = $"scale-{Guid.NewGuid():N}"[..14];
            var environment = ServerProcess.WithoutCaps();
            environment["ConnectionStrings__Postgres"] = database.ConnectionString;
            environment["ConnectionStrings__Redis"] = redis;
            environment["Orleans__ClusterId"] = clusterId;
            environment["Orleans__AdvertisedIP"] = "127.0.0.1";
            environment["Orleans__ActivationRebalancing"] = rebalancing ? "true" : "false";
            environment["Jwt__SigningKey"] = "benchmark-signing-key-0123456789abcdef-0123456789";
            environment["Jwt__TokenLifetimeMinutes"] = "720";
            environment["Chat__Burst"] = "1000";
            var silos = new List<(ServerProcess Server, Uri Operations)>();
            try
            {
                for (var i = 0; i < 3; i++) silos.Add(Start(environment));
                await Task.WhenAll(silos.Select(s => s.Server.WaitReadyAsync(TimeSpan.FromSeconds(300))));
                using var load = new SessionLoad(silos.Select(s => s.Server.BaseAddress).ToList());
                await load.PrepareAsync();
                var running = load.RunAsync();
                await Task.Delay(before);

                var started = Stopwatch.StartNew();
                var fourth = Start(environment);
                silos.Add(fourth);
                await fourth.Server.WaitReadyAsync(TimeSpan.FromSeconds(300));
                var ready = started.Elapsed;

                // Windows of 10 s: the new silo's part of the session grains activated in each.
                var shares = new List<double>();
                var last = await CountsAsync(silos);
                while (started.Elapsed < ready + after)
                {
                    await Task.Delay(TimeSpan.FromSeconds(10));
                    var now = await CountsAsync(silos);
                    var added = now.Sum() - last.Sum();
                    shares.Add(added <= 0 ? 0 : Math.Max(0, now[3] - last[3]) / (double)added);
                    last = now;
                }
                await load.StopAsync(running);
                var final = await CountsAsync(silos);
                var firstFair = shares.FindIndex(s => s >= 0.20);
                report.Row(rebalancing ? "on" : "off", ready.TotalSeconds, $"{shares[0]:P0}",
                    firstFair < 0 ? "never" : $"{(firstFair + 1) * 10} s", $"{final[3] / (double)final.Sum():P0}", final.Sum());
            }
            finally
            {
                foreach (var (server, _) in silos) await server.DisposeAsync();
            }
        }
        report.Note($"{before.TotalSeconds:F0} s of load on three silos, then {after.TotalSeconds:F0} s after the fourth is ready. A fair share is 25%; " +
            "new sessions are placed by Orleans' default (resource-optimized) placement, so an idle new silo may take more than that at first. " +
            "Without rebalancing, existing sessions stay where they are until they deactivate.");
        report.Publish("scale-out.md");
    }

    private static (ServerProcess Server, Uri Operations) Start(Dictionary<string, string> environment)
    {
        var operations = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}");
        return (ServerProcess.Start(new Dictionary<string, string>(environment) { ["Operations__Url"] = operations.ToString().TrimEnd('/') }), operations);
    }

    /// <summary>Session grains active on each silo, from its own /metrics.</summary>
    private static async Task<int[]> CountsAsync(IReadOnlyList<(ServerProcess Server, Uri Operations)> silos)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var counts = new int[silos.Count];
        for (var i = 0; i < silos.Count; i++)
        {
            var metrics = await client.GetStringAsync(new Uri(silos[i].Operations, "/metrics"));
            counts[i] = Grains().Matches(metrics).Where(m => m.Groups["type"].Value == SessionGrains)
                .Sum(m => (int)double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
        }
        return counts;
    }

    [GeneratedRegex(@"^orleans_grains\{[^}]*grain_type=""(?<type>[^""]+)""[^}]*\} (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Grains();

    /// <summary>Hosts creating sessions and reading them back, through the first three front doors in turn.</summary>
    private sealed class SessionLoad(IReadOnlyList<Uri> doors) : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<HttpClient> _hosts = [];

        public async Task PrepareAsync()
        {
            for (var i = 0; i < 8; i++)
            {
                var client = new HttpClient { BaseAddress = doors[i % doors.Count], Timeout = TimeSpan.FromSeconds(30) };
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ServerProcess.SignUpAsync(client, $"scale{i}{Guid.NewGuid():N}"[..16]));
                _hosts.Add(client);
            }
        }

        public Task RunAsync() => Task.WhenAll(_hosts.Select(host => Task.Run(async () =>
        {
            var random = new Random(host.GetHashCode());
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var response = await host.PostAsJsonAsync("/api/sessions", new
                    {
                        title = "Scale", subject = "Load", sessionType = "silent",
                        latitude = 40 + random.NextDouble(), longitude = -3 + random.NextDouble(),
                        startTime = DateTimeOffset.UtcNow.AddHours(2).ToString("O"), durationMinutes = 60, maxParticipants = 8,
                    });
                    if (response.IsSuccessStatusCode && response.Headers.Location is { } location) await host.GetAsync(location);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // A refused or slow request is the cluster's business, not the measurement's.
                }
                await Task.Delay(50);
            }
        })));

        public async Task StopAsync(Task running)
        {
            await _stop.CancelAsync();
            await running;
        }

        public void Dispose()
        {
            foreach (var host in _hosts) host.Dispose();
        }
    }
}
