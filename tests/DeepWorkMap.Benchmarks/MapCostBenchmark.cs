using System.Diagnostics;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// What cheap requests from outside cost the server, measured from outside on the published server in a process of its
/// own: the resident memory that bursts of look-ups of random session ids and of signed-in in-view boxes over the globe
/// leave behind (default settings, caps on), and the CPU time per request of the map's expensive questions, read from
/// /proc (10,000 sessions over a country, caps lifted): a thin sliver polygon, the widest in-view box, a nearby circle,
/// and a hub connection calling WatchView 18 times a second. With DWM_BENCH_BASELINE_SERVER naming another published
/// server, every row is measured on both, in the same run.
/// </summary>
public static class MapCostBenchmark
{
    private const int RandomLookups = 10_000;
    private const int GlobeBoxes = 720;
    private const int CountrySessions = 10_000;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    // Germany, roughly: the sessions' country, and the widest box an in-view may ask (about 4,000 coarse tiles).
    private const double South = 47, West = 6, North = 55, East = 15;

    public static async Task RunAsync()
    {
        var servers = new List<(string Name, string Dll)> { ("this change", Environment.GetEnvironmentVariable("DWM_BENCH_SERVER")!) };
        if (Environment.GetEnvironmentVariable("DWM_BENCH_BASELINE_SERVER") is { Length: > 0 } baseline) servers.Insert(0, ("baseline", baseline));

        var memory = new Report("Memory left by bursts from outside: one embedded server, default settings, its resident set before and " +
                                $"{Settle.TotalSeconds:F0} s after the burst", "server", "burst", "RSS before MiB", "RSS after MiB", "left MiB", "goal");
        var cpu = new Report($"CPU per request from outside: {CountrySessions:N0} sessions over a country ({South}–{North}° N, {West}–{East}° E), caps lifted",
            "server", "request", "requests", "server CPU ms per request", "wall ms per request", "goal");
        foreach (var (name, dll) in servers)
        {
            await RandomLookupsAsync(memory, name, dll);
            await GlobeBoxesAsync(memory, name, dll);
            await CpuAsync(cpu, name, dll);
            // What is measured so far survives a later failure.
            memory.Publish("map-memory.md");
            cpu.Publish("map-cpu.md");
        }
        memory.Note($"Random look-ups: {RandomLookups:N0} anonymous GET /api/sessions/{{random uuid}} at concurrency 16 (all 404). Globe: {GlobeBoxes} " +
                    "in-view boxes of 10° × 9° tiling the globe at zoom 6, by 6 signed-in users (120 each, under the per-user search cap), concurrency 8.");
        memory.Publish("map-memory.md");
        cpu.Note("Server CPU is the process's utime + stime from /proc before and after the requests (10 ms ticks), divided by their number; " +
                 "requests one at a time. The sliver is a strip 0.002° high from the country's south-west corner to its north-east corner. " +
                 "WatchView: one hub connection asking 18 views a second for 20 s (the map watches per connection cap lifted; by default a " +
                 "connection may make 120 a minute), in cores used.");
        cpu.Publish("map-cpu.md");
    }

    private static async Task<ServerProcess> StartAsync(string dll, bool caps)
    {
        var server = ServerProcess.Start(caps ? new Dictionary<string, string>() : ServerProcess.WithoutCaps(), dll);
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        return server;
    }

    private static async Task RandomLookupsAsync(Report report, string name, string dll)
    {
        await using var server = await StartAsync(dll, caps: true);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await Task.Delay(Settle);
        var before = server.ResidentMiB();
        var result = await LoadRunner.RunAsync(RandomLookups, 16, async _ =>
        {
            using var response = await http.GetAsync($"/api/sessions/{Guid.NewGuid()}");
            if (response.StatusCode != System.Net.HttpStatusCode.NotFound) throw new InvalidOperationException($"expected 404, got {response.StatusCode}");
        });
        await Task.Delay(Settle);
        var after = server.ResidentMiB();
        report.Row(name, $"{RandomLookups:N0} look-ups of random session ids ({result.Failures} not 404)", before, after, after - before, "≤ 30 MiB");
    }

    private static async Task GlobeBoxesAsync(Report report, string name, string dll)
    {
        await using var server = await StartAsync(dll, caps: true);
        var users = new List<HttpClient>();
        for (var i = 0; i < 6; i++)
        {
            var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new("Bearer", await ServerProcess.SignUpAsync(client, $"globe{i}"));
            users.Add(client);
        }
        var boxes = (from row in Enumerable.Range(0, 18) from column in Enumerable.Range(0, 40)
                     select FormattableString.Invariant($"{-180 + column * 9},{-90 + row * 10},{-180 + (column + 1) * 9},{-90 + (row + 1) * 10}")).ToArray();
        await Task.Delay(Settle);
        var before = server.ResidentMiB();
        var refused = 0;
        var result = await LoadRunner.RunAsync(GlobeBoxes, 8, async i =>
        {
            using var response = await users[i % users.Count].GetAsync($"/api/sessions/in-view?bbox={boxes[i]}&zoom=6");
            if (!response.IsSuccessStatusCode) Interlocked.Increment(ref refused);
        });
        await Task.Delay(Settle);
        var after = server.ResidentMiB();
        report.Row(name, $"{GlobeBoxes} signed-in in-view boxes over the globe ({refused + result.Failures} refused or failed)", before, after, after - before, "≤ 100 MiB");
        foreach (var user in users) user.Dispose();
    }

    private static async Task CpuAsync(Report report, string name, string dll)
    {
        await using var server = await StartAsync(dll, caps: false);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        var token = await ServerProcess.SignUpAsync(http, "countryhost");
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var random = new Random(3);
        var loaded = await LoadRunner.RunAsync(CountrySessions, 16, async i =>
        {
            double lat, lng;
            lock (random) (lat, lng) = (South + random.NextDouble() * (North - South), West + random.NextDouble() * (East - West));
            var response = await http.PostAsJsonAsync("/api/sessions", new
            {
                title = $"Session {i}", subject = "Subject", sessionType = "silent", latitude = lat, longitude = lng,
                startTime = DateTimeOffset.UtcNow.AddHours(1 + i % 100), durationMinutes = 120,
            });
            response.EnsureSuccessStatusCode();
        });
        if (loaded.Failures > 0) throw new InvalidOperationException($"{loaded.Failures} sessions failed to load");
        await Task.Delay(TimeSpan.FromSeconds(5));

        const double Width = 0.002;
        var sliver = new
        {
            type = "Polygon",
            coordinates = new[] { new[] { new[] { West, South }, new[] { East, North - Width }, new[] { East, North }, new[] { West, South + Width }, new[] { West, South } } },
        };
        var box = FormattableString.Invariant($"{West},{South},{East},{North}");
        await PerRequestAsync(report, name, server, "POST /api/sessions/in-area, a thin sliver across the country", 20, "≤ 50 ms",
            async () => (await http.PostAsJsonAsync("/api/sessions/in-area", sliver)).EnsureSuccessStatusCode());
        await PerRequestAsync(report, name, server, "GET /api/sessions/in-view, the widest box (the country, zoom 6)", 200, "",
            async () => (await http.GetAsync($"/api/sessions/in-view?bbox={box}&zoom=6")).EnsureSuccessStatusCode());
        await PerRequestAsync(report, name, server, "GET /api/sessions/nearby, 5 km in the country", 1000, "",
            async () => (await http.GetAsync("/api/sessions/nearby?lat=51&lng=10.5&radiusKm=5")).EnsureSuccessStatusCode());
        await WatchViewsAsync(report, name, server, token);
    }

    private static async Task PerRequestAsync(Report report, string name, ServerProcess server, string request, int count, string goal, Func<Task> send)
    {
        for (var i = 0; i < Math.Min(count, 5); i++) await send(); // warm
        var cpuBefore = CpuReading.ProcessTime(server.Id);
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) await send();
        wall.Stop();
        var used = CpuReading.ProcessTime(server.Id) - cpuBefore;
        report.Row(name, request, count, used.TotalMilliseconds / count, wall.Elapsed.TotalMilliseconds / count, goal);
    }

    /// <summary>One connection asking 18 views a second (each a country-wide box somewhere else) for 20 s: the cores the server used.</summary>
    private static async Task WatchViewsAsync(Report report, string name, ServerProcess server, string token)
    {
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/deepwork"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await connection.StartAsync();
        var random = new Random(18);
        var cpuBefore = CpuReading.ProcessTime(server.Id);
        var wall = Stopwatch.StartNew();
        var calls = 0;
        while (wall.Elapsed < TimeSpan.FromSeconds(20))
        {
            var (lat, lng) = (random.NextDouble() * 100 - 50, random.NextDouble() * 300 - 150);
            await connection.InvokeAsync<ViewPage>("WatchView", FormattableString.Invariant($"{lng},{lat},{lng + 9},{lat + 8}"), 6);
            calls++;
            var due = TimeSpan.FromSeconds(calls / 18.0) - wall.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due);
        }
        var used = CpuReading.ProcessTime(server.Id) - cpuBefore;
        report.Row(name, $"WatchView, one connection, {calls / wall.Elapsed.TotalSeconds:F1} calls a second for 20 s", calls,
            used.TotalMilliseconds / calls, wall.Elapsed.TotalMilliseconds / calls, $"{used.TotalSeconds / wall.Elapsed.TotalSeconds:F2} cores used");
    }
}
