using DeepWorkMap.Benchmarks;

// Usage: DeepWorkMap.Benchmarks <joins|fanout|search|nearby-http|chat|focus|startup|scale-out|memory|map-cost|connections|all> [--quick] [--rates 1,2] [--paths baseline,grains,client,embedded] [--step seconds] [--clients-apart] [--concurrencies 16,64] [--no-waitlist] [--watchers-apart]
// Needs DWM_BENCH_POSTGRES (admin connection string).
// scripts/benchmark.sh starts a throwaway PostgreSQL and runs this.
if (args is ["chat-clients", var planFile])
{
    await ChatClientProcess.RunChildAsync(planFile); // the chat benchmark's clients, started by --clients-apart
    return;
}

if (args is [LiveMapWatcherProcess.Command])
{
    await LiveMapWatcherProcess.RunChildAsync(); // the joins benchmark's live map, started by --watchers-apart
    return;
}

// Every server this process hosts keeps as many arrays of a size in its shared pool as the published server does (set
// in its Main, as here, before anything rents); the chat clients' process above keeps the runtime's default.
DeepWorkMap.Server.Hosting.SharedArrayPoolSize.Apply();

if (args is [PlainMapServer.Command])
{
    await PlainMapServer.RunAsync(); // the idle-connections baseline, started as a process of its own
    return;
}

var admin = Environment.GetEnvironmentVariable("DWM_BENCH_POSTGRES")
    ?? throw new InvalidOperationException("DWM_BENCH_POSTGRES must name a PostgreSQL admin connection string; run scripts/benchmark.sh.");
var which = args.FirstOrDefault() ?? "all";
var quick = args.Contains("--quick");
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

if (which is "joins" or "all")
{
    await StateSerializerBenchmark.RunAsync(admin);
    await JoinBenchmark.RunAsync(admin, sessions: 1000, users: quick ? 2000 : 10000, capacity: 12, concurrencies: Option("--concurrencies")?.Split(',').Select(int.Parse).ToArray() ?? (quick ? [32] : [16, 64]),
        withWaitlist: !args.Contains("--no-waitlist"), watchersApart: args.Contains("--watchers-apart"));
}

if (which is "fanout" or "all")
    await FanOutBenchmark.RunAsync(admin, followers: quick ? 2_000 : 10_000, rounds: quick ? 3 : 10);

if (which is "search" or "all")
    await SearchBenchmark.RunAsync(admin, sessionCount: quick ? 20_000 : 100_000, concurrency: 8, radii: [50, 5],
        grainQueries: quick ? 5_000 : 20_000, sqlQueries: quick ? 1_000 : 4_000);

if (which is "nearby-http" or "all")
    await NearbyHttpBenchmark.RunAsync(admin, sessionCount: quick ? 20_000 : 100_000);

if (which is "focus" or "all")
    await FocusRoomBenchmark.RunAsync(admin, sessions: quick ? 50 : 200, participantsPerSession: 10, window: TimeSpan.FromSeconds(quick ? 30 : 90));

if (which is "startup" or "all")
    await StartupBenchmark.RunAsync(admin, Environment.GetEnvironmentVariable("DWM_BENCH_REDIS") ?? throw new InvalidOperationException("DWM_BENCH_REDIS is not set; run scripts/benchmark.sh."), runs: quick ? 2 : 5);

if (which is "scale-out" or "all")
    await ScaleOutBenchmark.RunAsync(admin, Environment.GetEnvironmentVariable("DWM_BENCH_REDIS") ?? throw new InvalidOperationException("DWM_BENCH_REDIS is not set; run scripts/benchmark.sh."),
        before: TimeSpan.FromSeconds(quick ? 15 : 30), after: TimeSpan.FromSeconds(quick ? 60 : 150));

if (which is "memory" or "all")
    await MemoryBenchmark.RunAsync(admin, sessions: quick ? 20_000 : 100_000, only: Option("--setups"));

if (which is "map-cost" or "all")
    await MapCostBenchmark.RunAsync();

if (which is "connections" or "all")
    await IdleConnectionsBenchmark.RunAsync(connections: quick ? 2_000 : 18_000, creates: 20);

if (which is "chat" or "all")
    await ChatBenchmark.RunAsync(admin, sessions: quick ? 50 : 200, clientsPerSession: 10,
        ratesPerClient: Option("--rates")?.Split(',').Select(double.Parse).ToArray() ?? (quick ? [1, 3] : [1, 1.5, 2, 2.5, 3, 4, 5, 6]),
        step: TimeSpan.FromSeconds(Option("--step") is { } seconds ? double.Parse(seconds) : quick ? 5 : 10),
        paths: Option("--paths")?.Split(',') ?? ["baseline", "grains", "client"], clientsApart: args.Contains("--clients-apart"));
