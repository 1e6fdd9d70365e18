using DeepWorkMap.Server.Hosting;
using System.Diagnostics;
using System.Net.Http.Json;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// Memory per active session, measured from outside: the server's process, its resident set before and after loading
/// sessions through <c>POST /api/sessions</c> (starting within a week). Each row is a fresh server: embedded mode (grain
/// state, catalog and reminders in the process) with the sessions spread over the whole globe, where each lands in map
/// tiles of its own, and in cities, where sessions share tiles as they do in use; then a silo whose state lives in
/// PostgreSQL, as in cluster mode; then the same with the server collector.
/// </summary>
public static class MemoryBenchmark
{
    /// <summary>The goal: 100,000 active sessions in at most 800 MiB of resident memory.</summary>
    private const double GoalMiB = 800;

    private const int Cities = 200;
    private const double CitySpreadKm = 8;

    /// <summary>One fresh server: where its sessions are, whether its state is in PostgreSQL, and the runtime settings it starts with.</summary>
    private sealed record Setup(string Name, bool InCities, bool Postgres, params (string Name, string Value)[] Runtime);

    /// <param name="only">Runs only the setup of this name, or else those whose name contains it (for example "PostgreSQL").</param>
    public static async Task RunAsync(string admin, int sessions, string? only = null)
    {
        var report = new Report($"Memory: the server's resident set before and after {sessions:N0} active sessions created through the API",
            "server, where the sessions are", "RSS before MiB", "RSS at the load's end MiB", "RSS after MiB", "KiB per session", $"projected at 100,000 vs the {GoalMiB:N0} MiB goal",
            "create p50 / p99 ms", "after: GC committed / heap (fragmentation); rest of RSS, MiB");
        Setup[] setups =
        [
            new("embedded, spread over the globe", InCities: false, Postgres: false),
            new($"embedded, in {Cities} cities", InCities: true, Postgres: false),
            new($"state in PostgreSQL, in {Cities} cities", InCities: true, Postgres: true),
            new($"embedded, in {Cities} cities, the runtime's array pool (32 a size per core)", InCities: true, Postgres: false, (SharedArrayPoolSize.Variable, "32")),
            new($"state in PostgreSQL, in {Cities} cities, the runtime's array pool (32 a size per core)", InCities: true, Postgres: true, (SharedArrayPoolSize.Variable, "32")),
            new($"state in PostgreSQL, in {Cities} cities, no collection after the burst", InCities: true, Postgres: true, ("CollectAfterBurst__Enabled", "false")),
            new($"embedded, in {Cities} cities, with the collection after the burst", InCities: true, Postgres: false, ("CollectAfterBurst__Enabled", "true")),
            new($"state in PostgreSQL, in {Cities} cities, GCConserveMemory=7", InCities: true, Postgres: true, ("DOTNET_GCConserveMemory", "7")),
            new($"state in PostgreSQL, in {Cities} cities, server GC (DATAS)", InCities: true, Postgres: true, ("DOTNET_gcServer", "1")),
            new($"state in PostgreSQL, in {Cities} cities, TieredPGO off", InCities: true, Postgres: true, ("DOTNET_TieredPGO", "0")),
            new($"state in PostgreSQL, in {Cities} cities, gen0 budget 4 MiB", InCities: true, Postgres: true, ("DOTNET_GCgen0size", "0x400000")),
        ];
        // Several names, separated by '|', run those setups in one run (a baseline beside its variant).
        var chosen = only is null ? setups : only.Split('|').SelectMany(name => Choose(setups, name)).ToArray();
        foreach (var setup in chosen)
        {
            await using var database = setup.Postgres ? await BenchDatabase.CreateAsync(admin, "bench_memory") : null;
            var (before, atEnd, after, load, breakdown) = await MeasureAsync(setup, database, sessions);
            var perSession = (after - before) * 1024 / (sessions - load.Failures);
            var projected = before + perSession * 100_000 / 1024;
            report.Row(setup.Name, before, atEnd, after, perSession, $"{projected:N0} MiB ({projected / GoalMiB:F2}×)", $"{load.P50Ms:F1} / {load.P99Ms:F0}",
                breakdown.Summary(after));
            Console.WriteLine($"{setup.Name}: {sessions - load.Failures:N0} created in {load.Elapsed.TotalSeconds:F0} s ({load.Failures} failed), {before:F0} → {after:F0} MiB");
        }
        report.Note("Each session is a session grain (its state, activation and its one reminder before the start) and entries in two map tiles " +
                    "(fine and coarse); embedded mode also holds its grain state, catalog row and reminder table in the process. Over the globe " +
                    $"nearly every session has tiles of its own; in cities ({Cities} random centres, sessions spread {CitySpreadKm:N0} km around each) they share them. " +
                    "Created at concurrency 16 by one host; the resident set is read 15 s after the start, as the load ends and 45 s after it. The server's default collector " +
                    "(workstation, concurrent) and, in a silo on PostgreSQL, its one full collection once a burst has passed (CollectAfterBurst; off in embedded mode) " +
                    "unless the row names another or turns it on or off. GCConserveMemory=7 is DOTNET_GCConserveMemory, server GC is DOTNET_gcServer=1 (which " +
                    "in .NET 10 adapts its heap count to the load: DATAS). Create p50 / p99: the latency of POST /api/sessions while loading, the " +
                    "collector's cost to callers.");
        report.Publish("memory.md");
    }

    private static Setup[] Choose(Setup[] setups, string name) =>
        setups.Where(s => s.Name == name).ToArray() is { Length: > 0 } exact ? exact
        : setups.Where(s => s.Name.Contains(name, StringComparison.OrdinalIgnoreCase)).ToArray();

    private static async Task<(double Before, double AtEnd, double After, LoadResult Load, MemoryBreakdown Breakdown)> MeasureAsync(Setup setup, BenchDatabase? database, int sessions)
    {
        var environment = ServerProcess.WithoutCaps();
        if (database is not null)
        {
            environment["ConnectionStrings__Postgres"] = database.ConnectionString;
            environment["Jwt__SigningKey"] = "benchmark-signing-key-0123456789abcdef-0123456789";
            environment["Jwt__TokenLifetimeMinutes"] = "720";
        }
        foreach (var (name, value) in setup.Runtime) environment[name] = value;
        await using var server = ServerProcess.Start(environment);
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await ServerProcess.SignUpAsync(http, "memoryhost"));
        await SettleAsync();
        var before = server.ResidentMiB();
        await BreakdownAsync(server, setup, "before", before);
        await HeapByTypeAsync(server, setup, "before");

        var random = new Random(8);
        var cities = Enumerable.Range(0, Cities).Select(_ => (Latitude: random.NextDouble() * 120 - 60, Longitude: random.NextDouble() * 360 - 180)).ToArray();
        var result = await LoadRunner.RunAsync(sessions, 16, async i =>
        {
            double lat, lng, hours;
            lock (random) (lat, lng, hours) = setup.InCities ? NearCity(random, cities[i % Cities]) : OnGlobe(random);
            var response = await http.PostAsJsonAsync("/api/sessions", new
            {
                title = $"Session {i}", subject = "Memory", sessionType = "silent", latitude = lat, longitude = lng,
                startTime = DateTimeOffset.UtcNow.AddHours(hours), durationMinutes = 120,
            });
            response.EnsureSuccessStatusCode();
        });
        // Before any quiet window has passed: what the set holds with the burst's garbage, as a silo without the collection keeps it.
        var atEnd = server.ResidentMiB();
        await Task.Delay(AfterBurst);
        var after = server.ResidentMiB();
        var breakdown = await BreakdownAsync(server, setup, "after", after);
        await HeapByTypeAsync(server, setup, "after");
        return (before, atEnd, after, result, breakdown);
    }

    /// <summary>
    /// The collector's committed memory and heap beside the resident set, and the resident set by mapping, into
    /// artifacts/benchmarks; read before the heap dump, whose collection would change both.
    /// </summary>
    private static async Task<MemoryBreakdown> BreakdownAsync(ServerProcess server, Setup setup, string when, double residentMiB)
    {
        var breakdown = await MemoryBreakdown.ReadAsync(server.Id);
        Report.Attach($"memory-breakdown-{FileName(setup)}-{when}.txt", breakdown.Render(residentMiB));
        return breakdown;
    }

    private static string FileName(Setup setup) => new(setup.Name.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());

    /// <summary>
    /// The managed heap by type (dotnet-gcdump's heapstat, which collects first) into artifacts/benchmarks, when the
    /// tool is installed (`dotnet tool install -g dotnet-gcdump`); read after the resident set, so it does not move it.
    /// </summary>
    private static async Task HeapByTypeAsync(ServerProcess server, Setup setup, string when)
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        if (!File.Exists(tool)) return;
        using var gcdump = Process.Start(new ProcessStartInfo(tool, ["report", "-p", server.Id.ToString()]) { RedirectStandardOutput = true })!;
        var heap = await gcdump.StandardOutput.ReadToEndAsync();
        await gcdump.WaitForExitAsync();
        Report.Attach($"memory-heap-{FileName(setup)}-{when}.txt", heap);
    }

    private static (double, double, double) OnGlobe(Random random) =>
        (Math.Asin(2 * random.NextDouble() - 1) * 180 / Math.PI, random.NextDouble() * 360 - 180, 1 + random.NextDouble() * 160);

    /// <summary>A point about <see cref="CitySpreadKm"/> (one standard deviation, each way) from the city's centre.</summary>
    private static (double, double, double) NearCity(Random random, (double Latitude, double Longitude) city)
    {
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var lat = Math.Clamp(city.Latitude + Normal() * CitySpreadKm / 111.2, -89, 89);
        var lng = city.Longitude + Normal() * CitySpreadKm / (111.2 * Math.Cos(city.Latitude * Math.PI / 180));
        return (lat, (lng + 540) % 360 - 180, 1 + random.NextDouble() * 160);
    }

    /// <summary>
    /// After the load, long enough for the silo's collection once a burst has passed (CollectAfterBurst: a quiet window of
    /// 15 s, checked every 15 s, so at most two windows and the collection's pause) and for the set to settle.
    /// </summary>
    private static readonly TimeSpan AfterBurst = TimeSpan.FromSeconds(45);

    /// <summary>The collector runs on its own schedule; a pause lets the set settle before it is read.</summary>
    private static Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(15));
}
