using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeepWorkMap.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// Chat fan-out: sessions × SignalR clients, each client sending at a steady rate and hearing every
/// message of its session. The real path (hub → session grain → group commit to PostgreSQL → observer →
/// hub) against a plain in-process SignalR hub broadcasting to groups, same clients, same run. The rate
/// rises step by step to find each one's highest sustainable load.
/// </summary>
public static class ChatBenchmark
{
    /// <summary>A step is sustained when ≥ 95% of the offered messages were acknowledged, none lost, and p99 stayed under this.</summary>
    private const double SustainedP99Ms = 250;

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(25);

    /// <summary>The benchmark's senders outrun the per-user chat limit on purpose.</summary>
    private static readonly Dictionary<string, string?> ChatLimitsOff = new()
    {
        ["Chat:Burst"] = "100000",
        ["Chat:MessagesPerSecond"] = "100000",
    };

    /// <summary>
    /// What the clients need to load one of the two servers: where it is, who they are, which sessions they
    /// hear, and the steps. Plain data, so it can cross to a client process of its own (<c>--clients-apart</c>).
    /// </summary>
    public sealed record ClientPlan(
        string Name,
        Uri HubUrl,
        string?[] Tokens,
        string[] SessionKeys,
        string SubscribeMethod,
        string SendMethod,
        int ClientsPerSession,
        double[] RatesPerClient,
        double StepSeconds,
        int ServerProcessId)
    {
        public string? TokenOf(int client) => Tokens.Length == 0 ? null : Tokens[client];
    }

    public static async Task RunAsync(string admin, int sessions, int clientsPerSession, double[] ratesPerClient, TimeSpan step, string[] paths, bool clientsApart)
    {
        var clients = sessions * clientsPerSession;
        var report = new Report(
            $"Chat fan-out: {sessions} sessions × {clientsPerSession} SignalR clients; every client sends at the given rate and hears its whole session",
            "path", "offered msgs/s in", "acked msgs/s in", "deliveries/s", "p50 ms", "p99 ms", "ack p99 ms", "lost", "duplicated", "send errors", "sustained", "disk sync p99 / max ms",
            "CPU ms per msg", "KiB allocated per msg", "load average");
        var best = new Dictionary<string, double>();
        async Task<double> RunPathAsync(ClientPlan plan)
        {
            var gcBefore = GcReading.Now();
            var steps = clientsApart ? await ChatClientProcess.RunAsync(plan) : await RunStepsAsync(plan);
            if (clientsApart) Console.WriteLine($"  server process over the whole path: {GcReading.Now().Since(gcBefore)}");
            // The highest rate held before the first step that was not: a later step that squeaks under the cut-off
            // past saturation (the clients falling behind can lower the load they offer) does not count.
            var highest = 0.0;
            var missed = false;
            foreach (var result in steps)
            {
                var sustained = IsSustained(result);
                missed |= !sustained;
                if (!missed) highest = Math.Max(highest, result.Offered);
                report.Row(plan.Name, result.Offered, result.Acked, result.Deliveries, result.P50Ms, result.P99Ms, result.AckP99Ms, result.Lost,
                    result.Duplicated, result.SendErrors, sustained ? "yes" : "no", $"{result.Disk.P99Ms:F1} / {result.Disk.MaxMs:F0}",
                    result.CpuMsPerMessage, result.AllocatedKiBPerMessage, result.LoadAverage);
            }
            return highest;
        }

        async Task BaselineAsync()
        {
            await using var plain = await PlainChatServer.StartAsync();
            var plan = new ClientPlan("plain SignalR hub (baseline)", new Uri(plain.BaseAddress, "/hubs/plain"), [],
                Enumerable.Range(0, sessions).Select(i => $"group-{i}").ToArray(), "Join", "Send",
                clientsPerSession, ratesPerClient, step.TotalSeconds, Environment.ProcessId);
            best["baseline"] = await RunPathAsync(plan);
            await SettleAsync();
        }

        async Task CoHostedAsync()
        {
            await using var database = await BenchDatabase.CreateAsync(admin, "bench_chat");
            await using var server = await BenchServer.StartAsync(database.ConnectionString, ChatLimitsOff);
            best["grains"] = await RunGrainPathAsync(server, database, "DeepWorkMap hub → session grain → PostgreSQL → relayed from the answer (co-hosted)");
        }

        async Task EmbeddedAsync()
        {
            // No connection strings: the chat log, grain state and accounts are in the process (issue 31's "embedded" row).
            await using var server = await BenchServer.StartAsync(null, ChatLimitsOff);
            best["embedded"] = await RunGrainPathAsync(server, null, "the same, embedded (every store in memory)");
        }

        async Task ClientFrontDoorAsync()
        {
            // The split topology in one process: a silo and a front door that is its Orleans client, found through Redis.
            var redis = Environment.GetEnvironmentVariable("DWM_BENCH_REDIS")
                ?? throw new InvalidOperationException("The client path needs DWM_BENCH_REDIS; run scripts/benchmark.sh.");
            await using var database = await BenchDatabase.CreateAsync(admin, "bench_split");
            var split = new Dictionary<string, string?>(ChatLimitsOff) { ["ConnectionStrings:Redis"] = redis, ["Orleans:ClusterId"] = $"bench-{Guid.NewGuid():N}" };
            await using var silo = await BenchServer.StartAsync(database.ConnectionString, new Dictionary<string, string?>(split) { ["Role"] = "silo" });
            await using var frontDoor = await BenchServer.StartAsync(database.ConnectionString, new Dictionary<string, string?>(split) { ["Role"] = "frontdoor" });
            best["client"] = await RunGrainPathAsync(frontDoor, database, "the same through a front door that is an Orleans client of a silo (split)");
        }

        // In the order asked: a path run first meets a colder process.
        foreach (var path in paths)
        {
            switch (path)
            {
                case "baseline": await BaselineAsync(); break;
                case "grains": await CoHostedAsync(); break;
                case "client": await ClientFrontDoorAsync(); break;
                case "embedded": await EmbeddedAsync(); break;
                default: throw new ArgumentException($"unknown chat path {path}: baseline, grains, client or embedded");
            }
        }

        async Task<double> RunGrainPathAsync(BenchServer frontDoor, BenchDatabase? database, string name)
        {
            var (tokens, sessionIds) = await SeedAsync(frontDoor, sessions, clientsPerSession);
            var plan = new ClientPlan(name, new Uri(frontDoor.BaseAddress, "/hubs/deepwork"),
                tokens, sessionIds.Select(id => id.ToString()).ToArray(), "SubscribeSession", "SendMessage",
                clientsPerSession, ratesPerClient, step.TotalSeconds, Environment.ProcessId);
            var highest = await RunPathAsync(plan);
            if (database is not null)
            {
                var stored = await database.DataSource.CreateCommand("SELECT count(*) FROM chat_messages").ExecuteScalarAsync();
                report.Note($"{name}: every acknowledged message was in chat_messages before its ack ({stored:N0} rows at the end).");
            }
            await SettleAsync();
            return highest;
        }

        if (best.TryGetValue("baseline", out var plainHub) && best.TryGetValue("grains", out var coHosted))
            report.Note($"Highest sustained load: baseline {plainHub:N0} msgs/s in; grains {coHosted:N0} msgs/s in " +
                        $"({(plainHub > 0 ? coHosted / plainHub : 0):F2}× the baseline).");
        if (best.TryGetValue("grains", out var inProcess) && best.TryGetValue("client", out var client))
            report.Note(inProcess > 0
                ? $"Through a client front door: {client:N0} msgs/s in, {client / inProcess:F2}× co-hosted."
                : $"Through a client front door: {client:N0} msgs/s in; co-hosted held none of these steps in this run.");
        report.Note($"Sustained = ≥ 95% of the offered rate acknowledged, 0 lost, p99 send→receive ≤ {SustainedP99Ms} ms; the highest " +
                    "sustained load is the last rate before the first step that was not. " +
                    $"{clients:N0} clients and the server share this machine's cores, " +
                    (clientsApart ? "the clients in a process of their own" : "in one process") +
                    $"; each step runs {step.TotalSeconds:F0} s plus a drain.");
        report.Publish("chat.md");
    }

    /// <summary>
    /// Lets the next path start from a quiet process: the baseline's overloaded steps leave a heap full of the old
    /// connections' garbage and work still draining. (The thread pool, printed per step, stays small.)
    /// </summary>
    private static async Task SettleAsync()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        await Task.Delay(TimeSpan.FromSeconds(30));
        Console.WriteLine($"  settled: {ThreadPool.ThreadCount} thread-pool threads");
    }

    /// <summary>Users in the store (see <see cref="BenchServer.AddUserAsync"/>), sessions and joins through grains.</summary>
    private static async Task<(string[] Tokens, Guid[] SessionIds)> SeedAsync(BenchServer server, int sessions, int clientsPerSession)
    {
        var tokens = new string[sessions * clientsPerSession];
        var userIds = new Guid[tokens.Length];
        await Parallel.ForAsync(0, tokens.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            (userIds[i], tokens[i]) = await server.AddUserAsync($"bench{i}");
        });
        var sessionIds = Enumerable.Range(0, sessions).Select(_ => Guid.NewGuid()).ToArray();
        await Parallel.ForAsync(0, sessions, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (s, _) =>
        {
            var grain = server.Grains.GetGrain<IStudySessionGrain>(sessionIds[s]);
            var host = userIds[s * clientsPerSession];
            var start = DateTimeOffset.UtcNow.AddMinutes(-1);
            await grain.Create(new CreateSession(host, $"Bench {s}", "Benchmarks", SessionTypes.Discussion, 48.0 + s * 0.01, 2.0, start, 600, clientsPerSession));
            for (var c = 1; c < clientsPerSession; c++) await grain.Join(userIds[s * clientsPerSession + c]);
        });
        return (tokens, sessionIds);
    }

    private static bool IsSustained(StepResult result) =>
        result.Acked >= 0.95 * result.Offered && result.Lost == 0 && result.P99Ms <= SustainedP99Ms;

    /// <summary>Connects the plan's clients, warms up, then runs the steps until one is far past saturation.</summary>
    public static async Task<IReadOnlyList<StepResult>> RunStepsAsync(ClientPlan plan)
    {
        using var disk = DiskSyncProbe.Start();
        using var pauses = new ProcessPauses(plan.ServerProcessId == Environment.ProcessId ? "" : "clients' ");
        var clientCount = plan.SessionKeys.Length * plan.ClientsPerSession;
        var receivers = new Receiver[clientCount];
        var connections = new HubConnection[clientCount];
        await Parallel.ForAsync(0, clientCount, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var connection = BenchHubConnection.Build(plan.HubUrl, plan.TokenOf(i));
            var receiver = receivers[i] = new Receiver();
            connection.On<Heard>("messageReceived", receiver.Take);
            await connection.StartAsync();
            await connection.InvokeCoreAsync(plan.SubscribeMethod, typeof(JsonElement), [plan.SessionKeys[i / plan.ClientsPerSession]]);
            connections[i] = connection;
        });

        var results = new List<StepResult>();
        try
        {
            // Warm-up at the lowest rate, not reported: connection pools, first activations, and above all the JIT's
            // tiering of the hot paths, which takes tens of seconds here; measured earlier, a step sees that backlog.
            await RunStepAsync(plan, connections, receivers, plan.RatesPerClient[0], WarmUp, disk, pauses);
            foreach (var rate in plan.RatesPerClient)
            {
                var result = await RunStepAsync(plan, connections, receivers, rate, TimeSpan.FromSeconds(plan.StepSeconds), disk, pauses);
                results.Add(result);
                Console.WriteLine($"{plan.Name} @ {result.Offered:F0}/s: acked {result.Acked:F0}/s, p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms, ack p99 {result.AckP99Ms:F1} ms, lost {result.Lost}, dup {result.Duplicated}");
                if (!IsSustained(result) && result.Acked < 0.8 * result.Offered) break; // far past saturation: the next step only says so louder
            }
        }
        finally
        {
            await Task.WhenAll(connections.Where(c => c is not null).Select(c => c.DisposeAsync().AsTask()));
        }
        return results;
    }

    public sealed record StepResult(
        double Offered, double Acked, double Deliveries, double P50Ms, double P99Ms, double AckP99Ms, long Lost, long Duplicated, long SendErrors, DiskSyncReading Disk,
        double CpuMsPerMessage, double AllocatedKiBPerMessage, string LoadAverage, ChatTail.Sample? Tail = null);

    /// <summary>
    /// CPU time of the server and its clients per message sent (all their threads, from /proc), and the bytes the
    /// benchmark's process allocated per message: what a message costs, which the other work on a shared machine
    /// changes far less than it changes latency. With <c>--clients-apart</c> the bytes are the clients' alone.
    /// </summary>
    private static (double CpuMs, double KiB) CostPerMessage(CpuReading cpuBefore, CpuReading cpuAfter, GcReading gcBefore, GcReading gcAfter, long messages)
    {
        var cpu = cpuAfter.ThisProcess - cpuBefore.ThisProcess + (cpuAfter.Server - cpuBefore.Server);
        var count = Math.Max(1, messages);
        return (cpu.TotalMilliseconds / count, (gcAfter.Allocated - gcBefore.Allocated) / 1024.0 / count);
    }

    /// <summary>The 1-minute load average at the end of a step, beside its latencies.</summary>
    private static string LoadAverageNow() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static async Task<StepResult> RunStepAsync(
        ClientPlan plan, HubConnection[] connections, Receiver[] receivers, double ratePerClient, TimeSpan step, DiskSyncProbe disk, ProcessPauses pauses)
    {
        foreach (var receiver in receivers) receiver.Reset();
        var acked = new List<long>[connections.Length];
        var ackLatencies = connections.Select(_ => new List<double>()).ToArray();
        long sendErrors = 0;
        var interval = TimeSpan.FromSeconds(1 / ratePerClient);
        var clientsPerSession = plan.ClientsPerSession;
        var cpuBefore = CpuReading.Now(plan.ServerProcessId);
        var gcBefore = GcReading.Now();
        var apart = plan.ServerProcessId != Environment.ProcessId;
        if (apart) Console.WriteLine(ChatClientProcess.StepStarts); // the server reads its own collector from here
        disk.TakeReading(); // only this step's flushes count
        pauses.Take(); // and this step's pauses
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(step.TotalSeconds * Stopwatch.Frequency);

        await Task.WhenAll(connections.Select((connection, i) => Task.Run(async () =>
        {
            var mine = acked[i] = [];
            var group = plan.SessionKeys[i / clientsPerSession];
            var next = TimeSpan.FromSeconds(Random.Shared.NextDouble() * interval.TotalSeconds); // spread the clients over the interval
            for (long n = 0; next < step; n++)
            {
                var wait = next - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var now = Stopwatch.GetTimestamp();
                if (now >= stopAt) break;
                var key = Receiver.Key(i, n);
                try
                {
                    await connection.InvokeCoreAsync(plan.SendMethod, typeof(JsonElement), [group, string.Create(CultureInfo.InvariantCulture, $"{key}:{now}")]);
                    mine.Add(key);
                    ackLatencies[i].Add(Stopwatch.GetElapsedTime(now).TotalMilliseconds);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref sendErrors);
                }
                next += interval;
            }
        })));
        var elapsed = step.TotalSeconds;
        var diskReading = disk.TakeReading();
        var gcOwner = apart ? "clients' " : "";
        var (cpuAfter, gcAfter, loadAverage) = (CpuReading.Now(plan.ServerProcessId), GcReading.Now(), LoadAverageNow());
        var ackedCount = acked.Sum(a => a.Count);
        if (apart) Console.WriteLine($"{ChatClientProcess.StepEnds}{ackedCount}");
        var cost = CostPerMessage(cpuBefore, cpuAfter, gcBefore, gcAfter, ackedCount);
        Console.WriteLine($"  {cpuAfter.Since(cpuBefore)}; {gcOwner}{gcAfter.Since(gcBefore, ackedCount)}; " +
                          $"{ThreadPool.ThreadCount} thread-pool threads; {cost.CpuMs:F2} CPU ms per message; load average {loadAverage}");
        Console.WriteLine($"  {diskReading}");

        // Let what is in flight arrive, then count.
        var expected = acked.Sum(a => (long)a.Count) * clientsPerSession;
        var drainUntil = DateTime.UtcNow.AddSeconds(10);
        while (receivers.Sum(r => r.Unique) < expected && DateTime.UtcNow < drainUntil) await Task.Delay(100);
        await Task.Delay(300);

        long lost = 0, duplicated = 0;
        for (var i = 0; i < connections.Length; i++)
        {
            var first = i / clientsPerSession * clientsPerSession;
            var heard = receivers[i];
            duplicated += heard.Duplicates;
            for (var sender = first; sender < first + clientsPerSession; sender++)
                foreach (var key in acked[sender]) if (!heard.Has(key)) lost++;
        }
        var latencies = receivers.SelectMany(r => r.LatenciesMs).ToArray();
        Array.Sort(latencies);
        var p99 = Percentiles.Of(latencies, 0.99);
        var tail = ChatTail.Sample.Of(
            receivers.SelectMany((r, i) => r.SentAt.Select((sentAt, n) => new ChatTail.Delivery(sentAt, r.LatenciesMs[n], i / clientsPerSession))),
            p99, started, elapsed, [.. pauses.Take(), .. diskReading.SlowFlushes ?? []], plan.SessionKeys.Length);
        if (!apart) Console.WriteLine(tail.Describe([])); // apart, the server's process adds its own holds and prints it
        var acks = ackLatencies.SelectMany(a => a).ToArray();
        Array.Sort(acks);
        var offered = connections.Length * ratePerClient;
        return new StepResult(offered, ackedCount / elapsed, latencies.Length / elapsed,
            Percentiles.Of(latencies, 0.50), p99, Percentiles.Of(acks, 0.99), lost, duplicated, sendErrors, diskReading,
            cost.CpuMs, cost.KiB, loadAverage, tail);
    }

    /// <summary>The garbage collector's counters, to tell a GC-bound step from a CPU-bound one.</summary>
    internal sealed record GcReading(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated)
    {
        public static GcReading Now() =>
            new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());

        public string Since(GcReading before, long? messages = null) =>
            $"GCs (gen 0/1/2) {Gen0 - before.Gen0}/{Gen1 - before.Gen1}/{Gen2 - before.Gen2}, paused {(Paused - before.Paused).TotalMilliseconds:F0} ms, " +
            (messages is { } count
                ? $"allocated {(Allocated - before.Allocated) / Math.Max(1, count) / 1024.0:F1} KiB per message"
                : $"allocated {(Allocated - before.Allocated) / (1024.0 * 1024):F0} MiB") +
            (Gen0 > before.Gen0 ? $"; the last ephemeral one: {LastEphemeral()}" : "");

        /// <summary>What a gen 0 or 1 pause is made of: how much gen 0 held, how much survived it, how many objects were pinned.</summary>
        private static string LastEphemeral()
        {
            var info = GC.GetGCMemoryInfo(GCKind.Ephemeral);
            const double MiB = 1024 * 1024;
            return $"gen {info.Generation}, {info.PauseDurations[0].TotalMilliseconds:F0} ms, gen 0 {info.GenerationInfo[0].SizeBeforeBytes / MiB:F0} MiB before, " +
                   $"{info.PromotedBytes / MiB:F1} MiB promoted, {info.PinnedObjectsCount} pinned";
        }
    }

    /// <summary>The one field of a received Message the benchmark reads; the rest is skipped.</summary>
    private sealed record Heard(string Content);

    /// <summary>What one client heard. SignalR runs one connection's handlers one at a time, so no locking is needed.</summary>
    private sealed class Receiver
    {
        private HashSet<long> _seen = [];
        private List<double> _latencies = [];
        private List<long> _sentAt = [];

        public static long Key(int client, long n) => client * 1_000_000L + n;

        public int Unique => Volatile.Read(ref _unique);
        private int _unique;

        public long Duplicates { get; private set; }

        public IReadOnlyList<double> LatenciesMs => _latencies;

        /// <summary>When each delivery in <see cref="LatenciesMs"/> was sent, in Stopwatch ticks, in the same order.</summary>
        public IReadOnlyList<long> SentAt => _sentAt;

        public bool Has(long key) => _seen.Contains(key);

        public void Reset()
        {
            _seen = [];
            _latencies = [];
            _sentAt = [];
            _unique = 0;
            Duplicates = 0;
        }

        public void Take(Heard message)
        {
            var now = Stopwatch.GetTimestamp();
            var content = message.Content;
            var colon = content.IndexOf(':', StringComparison.Ordinal);
            var key = long.Parse(content.AsSpan(0, colon), CultureInfo.InvariantCulture);
            var sentAt = long.Parse(content.AsSpan(colon + 1), CultureInfo.InvariantCulture);
            if (!_seen.Add(key))
            {
                Duplicates++;
                return;
            }
            _latencies.Add((now - sentAt) * 1000.0 / Stopwatch.Frequency);
            _sentAt.Add(sentAt);
            Interlocked.Increment(ref _unique);
        }
    }
}
