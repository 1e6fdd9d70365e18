using System.Collections.Concurrent;
using System.Diagnostics;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Live;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// What the focus room costs the server: sessions × participants with 25/5 timers and every participant present (the
/// front door reporting and renewing their presence; the sessions accounting and writing their focus time), against
/// the same sessions and participants without a timer or presence, with the same front-door registrations renewed,
/// in the same run. Each variant gets a fresh server and database. The first boundaries (the end of the first focus
/// phase) are spread over the measured window, and the front door notes how long after each boundary its
/// phaseChanged arrived.
/// </summary>
public static class FocusRoomBenchmark
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(5);
    private static readonly TimerPlan Pomodoro = new(25, 5, 4);

    public static async Task RunAsync(string admin, int sessions, int participantsPerSession, TimeSpan window)
    {
        var report = new Report(
            $"Focus room: {sessions} sessions × {participantsPerSession} participants, {Pomodoro.FocusMinutes}/{Pomodoro.BreakMinutes} timers and presence, against plain sessions; {window.TotalSeconds:F0} s measured",
            "sessions", "server process CPU", "PostgreSQL CPU", "managed heap MiB", "KiB per session", "RSS MiB", "phaseChanged lag p50 / p99 / max ms", "boundaries heard", "presenceChanged heard", "focus_time rows / focused minutes");
        var plain = await RunVariantAsync(admin, sessions, participantsPerSession, window, focusRoom: false, report);
        await SettleAsync();
        var focus = await RunVariantAsync(admin, sessions, participantsPerSession, window, focusRoom: true, report);
        report.Note($"Cost of timers and presence over plain sessions: server process CPU {focus.Cpu - plain.Cpu:F1} points of the machine " +
                    $"({(plain.Cpu > 0 ? focus.Cpu / plain.Cpu : double.NaN):F2}×), PostgreSQL {focus.PostgresCpu - plain.PostgresCpu:F1} points, " +
                    $"managed heap {(focus.HeapBytes - plain.HeapBytes) / 1024.0 / sessions:F1} KiB more per session.");
        report.Note("CPU is the share of the whole machine (all cores) over the measured window, by /proc. The heap is what a full " +
                    "collection leaves of the server's managed memory once the sessions are loaded and running, less what it held " +
                    "before they were created. The lag is from the boundary to the front door's receipt of the grain's push (a " +
                    "SignalR client is one more hop: see the chat table). Both variants renew the front door's registration with " +
                    $"every session every {Renewal.TotalSeconds:F0} s, as a front door does; the focus room's renewals carry the presence of every participant.");
        report.Publish("focus-room.md");
    }

    private sealed record Outcome(double Cpu, double PostgresCpu, long HeapBytes);

    private static async Task<Outcome> RunVariantAsync(string admin, int sessions, int perSession, TimeSpan window, bool focusRoom, Report report)
    {
        await using var database = await BenchDatabase.CreateAsync(admin, focusRoom ? "bench_focus" : "bench_plain");
        await using var server = await BenchServer.StartAsync(database.ConnectionString);
        var users = new Guid[sessions * perSession];
        await Parallel.ForAsync(0, users.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
        {
            (users[i], _) = await server.AddUserAsync($"focus{i}");
        });
        var heapBefore = FullHeap();

        // The first boundaries fall one after another across the window, which begins once everything is set up.
        var setUpBy = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(40);
        var focusLength = TimeSpan.FromMinutes(Pomodoro.FocusMinutes);
        var sessionIds = Enumerable.Range(0, sessions).Select(_ => Guid.NewGuid()).ToArray();
        var grains = sessionIds.Select(id => server.Grains.GetGrain<IStudySessionGrain>(id)).ToArray();
        await Parallel.ForAsync(0, sessions, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (s, _) =>
        {
            var boundary = setUpBy + window * ((s + 0.5) / sessions);
            var command = new CreateSession(users[s * perSession], $"Focus {s}", "Benchmarks", SessionTypes.Silent, 48.0 + s * 0.01, 2.0,
                boundary - focusLength, 240, perSession) with { Timer = focusRoom ? Pomodoro : null };
            await grains[s].Create(command);
            for (var p = 1; p < perSession; p++) await grains[s].Join(users[s * perSession + p]);
        });

        var frontDoor = new FrontDoor();
        var reference = server.Grains.CreateObjectReference<ISessionObserver>(frontDoor);
        var arrived = DateTimeOffset.UtcNow;
        var presence = Enumerable.Range(0, sessions).Select(s => (IReadOnlyDictionary<Guid, PresenceReport>)(focusRoom
            ? Enumerable.Range(0, perSession).ToDictionary(p => users[s * perSession + p], _ => new PresenceReport(PresenceStates.Active, arrived))
            : new Dictionary<Guid, PresenceReport>())).ToArray();
        using var stop = new CancellationTokenSource();
        var renewals = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var round = Stopwatch.StartNew();
                await Parallel.ForAsync(0, sessions, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (s, _) => await grains[s].Watch(reference, presence[s]));
                var rest = Renewal - round.Elapsed;
                if (rest > TimeSpan.Zero) await Task.Delay(rest, CancellationToken.None);
            }
        });

        var wait = setUpBy - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        else Console.WriteLine($"  set-up overran the window's start by {-wait.TotalSeconds:F1} s");
        var cpuBefore = CpuReading.Now(Environment.ProcessId);
        var presenceBefore = frontDoor.PresenceChanges;
        await Task.Delay(window);
        var cpuAfter = CpuReading.Now(Environment.ProcessId);
        var presenceHeard = frontDoor.PresenceChanges - presenceBefore;
        await stop.CancelAsync();
        await renewals;
        // Let the last stretches be written (a growing stretch goes out every 5 s; a sweep runs every 2 s).
        await Task.Delay(TimeSpan.FromSeconds(8));
        var heap = FullHeap() - heapBefore;
        var rss = Process.GetCurrentProcess().WorkingSet64;

        var (cpu, postgresCpu) = cpuAfter.SharesSince(cpuBefore);
        var lags = frontDoor.BoundaryLagsMs.OrderBy(l => l).ToArray();
        var rows = await database.ScalarAsync<long>("SELECT count(*) FROM focus_time");
        var minutes = await database.ScalarAsync<double>("SELECT coalesce(sum(extract(epoch FROM ended_at - started_at)), 0)::float8 / 60 FROM focus_time");
        report.Row(focusRoom ? $"{Pomodoro.FocusMinutes}/{Pomodoro.BreakMinutes} timers and presence" : "plain (no timer, no presence)",
            $"{cpu:F1}%", $"{postgresCpu:F1}%", heap / (1024.0 * 1024), heap / 1024.0 / sessions, rss / (1024.0 * 1024),
            lags.Length == 0 ? "—" : $"{Percentiles.Of(lags, 0.5):F1} / {Percentiles.Of(lags, 0.99):F1} / {lags[^1]:F1}",
            focusRoom ? $"{lags.Length} of {sessions}" : "—", presenceHeard, $"{rows:N0} / {minutes:N0}");
        Console.WriteLine($"  {(focusRoom ? "focus room" : "plain")}: {cpuAfter.Since(cpuBefore)}");
        return new Outcome(cpu, postgresCpu, heap);
    }

    private static long FullHeap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task SettleAsync()
    {
        FullHeap();
        await Task.Delay(TimeSpan.FromSeconds(10));
    }

    /// <summary>A front door that notes when each session's first boundary (focus → break) reached it, and counts presence changes.</summary>
    private sealed class FrontDoor : ISessionObserver
    {
        private readonly ConcurrentDictionary<Guid, double> _boundaryLags = new();
        private long _presenceChanges;

        public IEnumerable<double> BoundaryLagsMs => _boundaryLags.Values;

        public long PresenceChanges => Interlocked.Read(ref _presenceChanges);

        public Task PhaseChanged(Guid sessionId, TimerPhase? phase)
        {
            if (phase is { Kind: TimerPhase.Break, Index: 1 })
                _boundaryLags.TryAdd(sessionId, (DateTimeOffset.UtcNow - phase.StartsAt).TotalMilliseconds);
            return Task.CompletedTask;
        }

        public Task PresenceChanged(Guid sessionId, Guid userId, string state)
        {
            Interlocked.Increment(ref _presenceChanges);
            return Task.CompletedTask;
        }

        public Task MessageAccepted(ChatMessage message) => Task.CompletedTask;
        public Task ParticipantJoined(MembershipChange change) => Task.CompletedTask;
        public Task MessageHidden(ChatMessage hidden) => Task.CompletedTask;
        public Task MessageChanged(ChatMessage changed) => Task.CompletedTask;
        public Task ParticipantLeft(MembershipChange change) => Task.CompletedTask;
        public Task GoalChanged(Guid sessionId, Guid userId, SessionGoal? goal) => Task.CompletedTask;
        public Task CheckedIn(Guid sessionId, Guid hostId, ParticipantEntry participant) => Task.CompletedTask;
        public Task SessionChanged(SessionSnapshot session) => Task.CompletedTask;
    }
}
