using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.Grains.Geo;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// Idle live maps on one front door, measured from outside: N hub connections each watching a 3 km circle of one
/// city, against the plain SignalR hub of <see cref="PlainMapServer"/> holding the same connections in groups, in the
/// same run. Both servers are processes of their own; the clients are this process. Reports each server's resident
/// set and CPU while the connections sit idle, then creates sessions in the city and times each owed push from the
/// create's request to the watcher hearing it.
/// </summary>
public static class IdleConnectionsBenchmark
{
    private const double CityLatitude = 52.52, CityLongitude = 13.405, CityRadiusKm = 8, WatchRadiusKm = 3;
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(int connections, int creates)
    {
        var random = new Random(18);
        var centres = Enumerable.Range(0, connections).Select(_ => SearchBenchmark.Around((CityLatitude, CityLongitude), CityRadiusKm, random)).ToArray();
        var spots = Enumerable.Range(0, creates).Select(_ => SearchBenchmark.Around((CityLatitude, CityLongitude), CityRadiusKm, random)).ToArray();

        var report = new Report($"Idle connections: {connections:N0} hub connections on one front door, each watching a {WatchRadiusKm:N0} km circle of one city",
            "server", "held", $"RSS idle MiB (min–max over {IdleWindow.TotalSeconds:N0} s)", "CPU idle, % of a core", "pushes heard / owed",
            "create → push p50 ms", "p99 ms", "last ms");
        var plain = await MeasureAsync("plain SignalR hub (groups)", report, centres, spots, ServerProcess.StartPlainMapHub(), PlainMapServer.HubPath, "Watch", signIn: false);
        var real = await MeasureAsync("DeepWork front door (embedded)", report, centres, spots, ServerProcess.Start(ServerProcess.WithoutCaps()), "/hubs/deepwork", "WatchArea", signIn: true);
        report.Row("ratio, DeepWork / plain", "", $"{real.RssMiB / plain.RssMiB:F2}× (goal ≤ 1.1×)", $"{real.CpuPercent / plain.CpuPercent:F2}× (goal ≤ 1.1×)",
            "", "", $"goal ≤ 250", "");
        report.Note($"Watchers sit at random points within {CityRadiusKm:N0} km of one city centre; {creates} sessions are created at random points of it, " +
                    "one every 500 ms, through POST /api/sessions. A push is owed to each watcher whose circle holds the session's public position; " +
                    "latencies run from the create's request to the watcher's first sessionChanged for it. The plain hub sends to every connection in the " +
                    "session's 0.02° grid cell (its clients drop what they were not owed), has no accounts, and was measured first.");
        report.Note($"The DeepWork connections belong to {SignedInUsers} users (the per-user cap lifted); each connects with a bearer token and calls WatchArea. " +
                    "Clients use WebSockets without negotiation; the client process runs on the same machine.");
        report.Publish("idle-connections.md");
    }

    private const int SignedInUsers = 100;

    private sealed record Measured(double RssMiB, double CpuPercent);

    private static async Task<Measured> MeasureAsync(string name, Report report, (double, double)[] centres, (double Latitude, double Longitude)[] spots,
        ServerProcess server, string hubPath, string watchMethod, bool signIn)
    {
        await using var _ = server;
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        string[] tokens = [];
        string? hostToken = null;
        if (signIn)
        {
            tokens = await Task.WhenAll(Enumerable.Range(0, SignedInUsers).Select(i => ServerProcess.SignUpAsync(http, $"watcher{i}")));
            hostToken = await ServerProcess.SignUpAsync(http, "crowdhost");
        }

        var opening = Stopwatch.StartNew();
        await using var crowd = await WatchingCrowd.OpenAsync(new Uri(server.BaseAddress, hubPath), centres, WatchRadiusKm, watchMethod,
            i => signIn ? tokens[i % tokens.Length] : null, spots.Length, concurrency: 32);
        Console.WriteLine($"{name}: {centres.Length:N0} connections open and watching in {opening.Elapsed.TotalSeconds:F0} s");

        await Task.Delay(TimeSpan.FromSeconds(15)); // the connecting burst's garbage and timers settle
        var cpuBefore = CpuReading.Now(server.Id);
        var rss = new List<double>();
        for (var elapsed = Stopwatch.StartNew(); elapsed.Elapsed < IdleWindow; await Task.Delay(1000)) rss.Add(server.ResidentMiB());
        var cpu = CpuReading.Now(server.Id).SharesSince(cpuBefore).Server * Environment.ProcessorCount; // % of one core

        var created = new List<(long At, double Latitude, double Longitude)>();
        for (var k = 0; k < spots.Length; k++)
        {
            var at = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions")
            {
                Content = JsonContent.Create(new
                {
                    title = $"{WatchingCrowd.TitlePrefix}{k}", subject = "Idle connections", sessionType = "silent",
                    latitude = spots[k].Latitude, longitude = spots[k].Longitude, startTime = DateTimeOffset.UtcNow.AddHours(1), durationMinutes = 60,
                }),
            };
            if (hostToken is not null) request.Headers.Authorization = new("Bearer", hostToken);
            var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var session = (await response.Content.ReadFromJsonAsync<JsonElement>())!;
            var position = signIn ? await PublicPositionAsync(http, session.GetProperty("id").GetGuid(), tokens[0]) : spots[k];
            created.Add((at, position.Latitude, position.Longitude));
            await Task.Delay(500);
        }

        var owed = new List<(int K, int Watcher)>();
        for (var k = 0; k < created.Count; k++)
            for (var i = 0; i < centres.Length; i++)
                if (Haversine.DistanceKm(centres[i].Item1, centres[i].Item2, created[k].Latitude, created[k].Longitude) <= WatchRadiusKm) owed.Add((k, i));
        var giveUpAt = Stopwatch.StartNew();
        while (owed.Any(o => crowd.FirstHeardAt(o.K, o.Watcher) is null) && giveUpAt.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100);
        var latencies = owed.Select(o => crowd.FirstHeardAt(o.K, o.Watcher) is { } heardAt ? Stopwatch.GetElapsedTime(created[o.K].At, heardAt).TotalMilliseconds : double.NaN)
            .Where(ms => !double.IsNaN(ms)).Order().ToArray();

        report.Row(name, $"{centres.Length - crowd.Closed:N0}", $"{rss.Min():F0}–{rss.Max():F0}", cpu, $"{latencies.Length:N0} / {owed.Count:N0}",
            Percentiles.Of(latencies, 0.50), Percentiles.Of(latencies, 0.99), latencies.LastOrDefault());
        return new Measured(rss.Average(), cpu);
    }

    /// <summary>Where the session shows to watchers: its public position, as an outsider reads it.</summary>
    private static async Task<(double Latitude, double Longitude)> PublicPositionAsync(HttpClient http, Guid sessionId, string outsiderToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{sessionId}");
        request.Headers.Authorization = new("Bearer", outsiderToken);
        var session = await (await http.SendAsync(request)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return (session.GetProperty("latitude").GetDouble(), session.GetProperty("longitude").GetDouble());
    }
}
