using DeepWorkMap.Contracts;
using System.Diagnostics;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Server.Persistence;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// Durable joins: the session grains (state through Orleans' ADO.NET storage on PostgreSQL) against the
/// seed design's own join SQL on the same PostgreSQL, same plan, same concurrency, same run.
/// </summary>
public static class JoinBenchmark
{
    private const int MapWatchers = 10;

    private const string SeedSchema = """
        CREATE TABLE users (id uuid PRIMARY KEY, username varchar(50) NOT NULL);
        CREATE TABLE study_sessions (
            id uuid PRIMARY KEY, host_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            max_participants integer NOT NULL DEFAULT 10 CHECK (max_participants > 0),
            current_participants integer NOT NULL DEFAULT 0 CHECK (current_participants >= 0),
            updated_at timestamptz DEFAULT now());
        CREATE TABLE session_participants (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            session_id uuid NOT NULL REFERENCES study_sessions(id) ON DELETE CASCADE,
            user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            role varchar(20) NOT NULL DEFAULT 'participant',
            joined_at timestamptz DEFAULT now(), left_at timestamptz, is_active boolean DEFAULT true,
            UNIQUE (session_id, user_id));
        CREATE INDEX idx_participants_session ON session_participants(session_id);
        CREATE INDEX idx_participants_user ON session_participants(user_id);
        """;

    public static async Task RunAsync(string admin, int sessions, int users, int capacity, int[] concurrencies, bool withWaitlist = true,
        bool watchersApart = false)
    {
        var random = new Random(20261122);
        var sessionIds = Enumerable.Range(0, sessions).Select(_ => Guid.NewGuid()).ToArray();
        var hostIds = Enumerable.Range(0, sessions).Select(_ => Guid.NewGuid()).ToArray();
        var userIds = Enumerable.Range(0, users).Select(_ => Guid.NewGuid()).ToArray();
        // Every user joins one random session; one in ten presses "join" twice.
        var plan = userIds.Select(u => (Session: sessionIds[random.Next(sessions)], User: u)).ToList();
        plan.AddRange(plan.Take(users / 10).ToList());
        plan = plan.OrderBy(_ => random.Next()).ToList();

        var report = new Report(
            $"Durable joins: {sessions:N0} sessions (capacity {capacity}) × {users:N0} users, {plan.Count:N0} joins (10% repeated)",
            "path", "concurrency", "joins/s", "p50 ms", "p99 ms", "errors", "overbooked sessions", "miscounted sessions", "ratio vs seed SQL",
            "live map: events heard / owed, caught up after", "per join: commits, WAL flushes, PostgreSQL CPU ms, process CPU ms");
        var owedPerWatcher = OwedPerWatcher(plan, capacity);
        await WarmUpAsync(admin, sessionIds, hostIds, userIds, capacity, plan, concurrencies[0], withWaitlist, watchersApart);

        var waitlists = new List<(int Concurrency, LoadResult Joins, (WaitlistPath.Outcome Waitlist, WaitlistPath.Outcome Mailed)[] Pairs)>();
        foreach (var concurrency in concurrencies)
        {
            var seed = await RunSeedSqlAsync(admin, sessionIds, hostIds, userIds, capacity, plan, concurrency);
            var grains = await RunGrainsAsync(admin, sessionIds, hostIds, capacity, plan, concurrency, mapWatchers: 0, owedPerWatcher);
            var uncapped = await RunGrainsAsync(admin, sessionIds, hostIds, capacity, plan, concurrency, mapWatchers: 0, owedPerWatcher, JoinCapOff);
            var watched = await RunGrainsAsync(admin, sessionIds, hostIds, capacity, plan, concurrency, MapWatchers, owedPerWatcher, watchersApart: watchersApart);
            report.Row("seed SQL (INSERT … ON CONFLICT DO NOTHING; UPDATE … + 1)", concurrency, seed.Load.PerSecond, seed.Load.P50Ms, seed.Load.P99Ms,
                seed.Load.Failures, seed.Overbooked, seed.Miscounted, "1.00×", seed.LiveMap, PerOperation(seed.Work, seed.Load));
            report.Row("StudySessionGrain, ADO.NET storage on PostgreSQL", concurrency, grains.Load.PerSecond, grains.Load.P50Ms, grains.Load.P99Ms,
                grains.Load.Failures, grains.Overbooked, grains.Miscounted, $"{grains.Load.PerSecond / seed.Load.PerSecond:F2}×", grains.LiveMap,
                PerOperation(grains.Work, grains.Load));
            report.Row("StudySessionGrain, Sessions:ActiveJoinsPerUser off", concurrency, uncapped.Load.PerSecond, uncapped.Load.P50Ms, uncapped.Load.P99Ms,
                uncapped.Load.Failures, uncapped.Overbooked, uncapped.Miscounted, $"{uncapped.Load.PerSecond / seed.Load.PerSecond:F2}×", uncapped.LiveMap,
                PerOperation(uncapped.Work, uncapped.Load));
            report.Row($"StudySessionGrain, a live map open on {MapWatchers} connections{(watchersApart ? " (in a process of their own)" : "")}", concurrency, watched.Load.PerSecond, watched.Load.P50Ms,
                watched.Load.P99Ms, watched.Load.Failures, watched.Overbooked, watched.Miscounted, $"{watched.Load.PerSecond / seed.Load.PerSecond:F2}×",
                watched.LiveMap, PerOperation(watched.Work, watched.Load));
            if (!withWaitlist) continue;
            // Unmailed and mailed alternate, twice: a change in the machine's load between runs then shows as a
            // difference between the two pairs, not as the cost of mail.
            var pairs = new (WaitlistPath.Outcome, WaitlistPath.Outcome)[2];
            for (var pair = 0; pair < pairs.Length; pair++)
                pairs[pair] = (await WaitlistPath.RunAsync(admin, sessionIds, hostIds, capacity, concurrency),
                    await WaitlistPath.RunAsync(admin, sessionIds, hostIds, capacity, concurrency, mailSeats: true));
            waitlists.Add((concurrency, grains.Load, pairs));
        }
        report.Note("Both paths run against the same PostgreSQL server (durable settings: fsync on, synchronous_commit on) in the same process run.");
        report.Note("Before the first row, every path (the waitlist's too) runs once untimed on part of the plan, so that no row carries the process's JIT.");
        report.Note("Per join: PostgreSQL's own counts and the CPU time of its processes and of the benchmark's process (the server runs in it, " +
                    "with its load generator" + (watchersApart ? "" : " and the live map's watchers") + ") over the joins, divided by the joins " +
                    "(as the waitlist's per leave, below).");
        report.Note("Overbooked: more participants than capacity. Miscounted: the session's count differs from its real participant rows.");
        report.Note($"Live map: {MapWatchers} hub clients watch a 5 km circle holding every session (WatchArea) while the joins run; each seat taken " +
                    "owes each of them one sessionChanged. Caught up after: from the last join's answer to the last watcher hearing its last event. " +
                    (watchersApart ? "The watchers run in a process of their own (--watchers-apart)." : "The watchers run in the benchmark's process, beside the server."));
        report.Publish("joins.md");
        if (!withWaitlist) return;

        var lines = new Report(
            $"Waitlist: {sessions:N0} full sessions (capacity {capacity}), {WaitlistPath.WaitersPerSession} queue for each, then {WaitlistPath.LeavesPerSession} of each leave",
            "operation", "concurrency", "ops/s", "p50 ms", "p99 ms", "errors", "ratio vs plain joins", "over capacity", "promotions out of order", "promoted",
            "per leave: commits, WAL flushes, PostgreSQL CPU ms, server CPU ms");
        foreach (var (concurrency, joins, pairs) in waitlists)
        {
            var first = pairs[0].Waitlist;
            lines.Row("join the waitlist (position answered)", concurrency, first.Queue.PerSecond, first.Queue.P50Ms, first.Queue.P99Ms,
                first.Queue.Failures, $"{first.Queue.PerSecond / joins.PerSecond:F2}×", first.Overbooked, first.OutOfOrder, "", "");
            foreach (var (waitlist, mailed) in pairs)
            {
                lines.Row("leave that seats the first in line", concurrency, waitlist.Leaves.PerSecond, waitlist.Leaves.P50Ms, waitlist.Leaves.P99Ms,
                    waitlist.Leaves.Failures, $"{waitlist.Leaves.PerSecond / joins.PerSecond:F2}×", waitlist.Overbooked, waitlist.OutOfOrder,
                    $"{waitlist.Promoted:N0} / {sessions * WaitlistPath.LeavesPerSession:N0}", PerLeave(waitlist));
                lines.Row($"the same, each seat mailed ({mailed.Mailed:N0} sent {mailed.MailDrainSeconds:F1} s after the last leave; {mailed.Leaves.PerSecond / waitlist.Leaves.PerSecond:F2}× the unmailed leaves above)",
                    concurrency, mailed.Leaves.PerSecond, mailed.Leaves.P50Ms, mailed.Leaves.P99Ms, mailed.Leaves.Failures,
                    $"{mailed.Leaves.PerSecond / joins.PerSecond:F2}×", mailed.Overbooked, mailed.OutOfOrder, $"{mailed.Promoted:N0} / {sessions * WaitlistPath.LeavesPerSession:N0}", PerLeave(mailed));
            }
        }
        lines.Note("Plain joins: the StudySessionGrain row of the joins table above, same concurrency, same run, same PostgreSQL.");
        lines.Note("Each seat mailed: the waiters have verified addresses and ask for waitlist_promoted by mail; the front door's mailer takes the stored " +
                   "notices beside the leaves and its outbox writes each mail as an .eml file (no SMTP server in the benchmark).");
        lines.Note("Out of order: a session whose seated waiters are not exactly the first in line (by the positions answered), in line order, or whose line is not the rest.");
        lines.Note("Per leave: PostgreSQL's own counts (pg_stat_database, pg_stat_wal) from the first leave until every seat's mail was sent, " +
                   "divided by the leaves: what each leave cost the database, the mailing included; and the CPU time of PostgreSQL's processes and of the " +
                   "benchmark's process (the server runs in it, with its load generator) over the same stretch.");
        lines.Publish("waitlist.md");
    }

    /// <summary>Each join that takes a seat is one sessionChanged for every watcher: a session holds capacity − 1 besides its host.</summary>
    private static long OwedPerWatcher(List<(Guid Session, Guid User)> plan, int capacity) =>
        plan.GroupBy(p => p.Session).Sum(joins => Math.Min(joins.Select(j => j.User).Distinct().Count(), capacity - 1));

    /// <summary>
    /// Every path once, untimed, on a quarter of the plan (a fifth of the sessions for the waitlist). The process's first
    /// server pays the JIT for all it runs (code at tier 0, then compiled again once hot), and before this the first grain
    /// row measured carried it: on 2026-12-07 the plain joins at 64 ran 928 a second as the run's first grain row and
    /// 1,705 as a later one (1.60 against 0.51 ms of process CPU a join), which flattered every ratio taken against them.
    /// </summary>
    private static async Task WarmUpAsync(string admin, Guid[] sessionIds, Guid[] hostIds, Guid[] userIds, int capacity,
        List<(Guid Session, Guid User)> plan, int concurrency, bool withWaitlist, bool watchersApart)
    {
        Console.WriteLine("  warm-up: every path once, untimed");
        var part = plan.Take(plan.Count / 4).ToList();
        await RunSeedSqlAsync(admin, sessionIds, hostIds, userIds, capacity, part, concurrency);
        await RunGrainsAsync(admin, sessionIds, hostIds, capacity, part, concurrency, mapWatchers: 0, OwedPerWatcher(part, capacity));
        await RunGrainsAsync(admin, sessionIds, hostIds, capacity, part, concurrency, MapWatchers, OwedPerWatcher(part, capacity), watchersApart: watchersApart);
        if (!withWaitlist) return;
        var sessions = sessionIds.Length / 5;
        await WaitlistPath.RunAsync(admin, sessionIds[..sessions], hostIds[..sessions], capacity, concurrency);
        await WaitlistPath.RunAsync(admin, sessionIds[..sessions], hostIds[..sessions], capacity, concurrency, mailSeats: true);
    }

    private static string PerLeave(WaitlistPath.Outcome outcome) => PerOperation(outcome.LeaveWork, outcome.Leaves);

    private static string PerOperation(DatabaseWork work, LoadResult load) =>
        $"{(double)work.Commits / load.Operations:F2}, {(double)work.WalFlushes / load.Operations:F2}, " +
        $"{work.PostgresCpu.TotalMilliseconds / load.Operations:F2}, {work.ServerCpu.TotalMilliseconds / load.Operations:F2}";

    private sealed record Outcome(LoadResult Load, int Overbooked, int Miscounted, string LiveMap, DatabaseWork Work);

    /// <summary>What the cap on seats and places in line held at once costs a join: the same run without it.</summary>
    private static readonly Dictionary<string, string?> JoinCapOff = new() { ["Sessions:ActiveJoinsPerUser"] = "0" };

    private static async Task<Outcome> RunSeedSqlAsync(string admin, Guid[] sessionIds, Guid[] hostIds, Guid[] userIds, int capacity,
        List<(Guid Session, Guid User)> plan, int concurrency)
    {
        await using var db = await BenchDatabase.CreateAsync(admin, "bench_seed");
        await db.ExecuteAsync(SeedSchema);
        await db.ExecuteAsync("INSERT INTO users (id, username) SELECT id, 'u' || ord FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)",
            hostIds.Concat(userIds).ToArray());
        await db.ExecuteAsync("INSERT INTO study_sessions (id, host_id, max_participants, current_participants) SELECT s, h, $3, 1 FROM unnest($1::uuid[], $2::uuid[]) AS t(s, h)",
            sessionIds, hostIds, capacity);
        await db.ExecuteAsync("INSERT INTO session_participants (session_id, user_id, role) SELECT s, h, 'host' FROM unnest($1::uuid[], $2::uuid[]) AS t(s, h)",
            sessionIds, hostIds);

        var workBefore = await DatabaseWork.ReadAsync(db);
        var load = await LoadRunner.RunAsync(plan.Count, concurrency, async i =>
        {
            var (session, user) = plan[i];
            await using var connection = await db.DataSource.OpenConnectionAsync();
            await using (var insert = new Npgsql.NpgsqlCommand(
                "INSERT INTO session_participants (session_id, user_id, role) VALUES ($1, $2, 'participant') ON CONFLICT (session_id, user_id) DO NOTHING", connection))
            {
                insert.Parameters.AddWithValue(session);
                insert.Parameters.AddWithValue(user);
                await insert.ExecuteNonQueryAsync();
            }
            await using var update = new Npgsql.NpgsqlCommand("UPDATE study_sessions SET current_participants = current_participants + 1 WHERE id = $1", connection);
            update.Parameters.AddWithValue(session);
            await update.ExecuteNonQueryAsync();
        });
        var work = await DatabaseWork.SinceAsync(db, workBefore);

        var overbooked = (int)await db.ScalarAsync<long>("SELECT count(*) FROM study_sessions WHERE current_participants > max_participants");
        var miscounted = (int)await db.ScalarAsync<long>("""
            SELECT count(*) FROM study_sessions s
            WHERE s.current_participants <> (SELECT count(*) FROM session_participants p WHERE p.session_id = s.id AND p.is_active)
            """);
        return new Outcome(load, overbooked, miscounted, "no live map", work);
    }

    /// <summary>Signed-in users with the live map open on a 5 km circle of Paris, where every session is.</summary>
    private static async Task<ILiveMapWatchers> OpenWatchersAsync(BenchServer server, int count, bool apart)
    {
        var tokens = new List<string>(count);
        for (var i = 0; i < count; i++) tokens.Add((await server.AddUserAsync($"watcher{i}")).Token);
        var hubUrl = new Uri(server.BaseAddress, "/hubs/deepwork");
        return apart
            ? await LiveMapWatcherProcess.StartAsync(hubUrl, tokens, 48.85, 2.35, 5)
            : await LiveMapWatchers.OpenAsync(hubUrl, tokens, 48.85, 2.35, 5);
    }

    private static async Task<Outcome> RunGrainsAsync(string admin, Guid[] sessionIds, Guid[] hostIds, int capacity,
        List<(Guid Session, Guid User)> plan, int concurrency, int mapWatchers, long owedPerWatcher, IDictionary<string, string?>? settings = null,
        bool watchersApart = false)
    {
        await using var db = await BenchDatabase.CreateAsync(admin, "bench_grains");
        await new SchemaMigrations(db.DataSource).UpgradeAsync();
        await db.ExecuteAsync("""
            INSERT INTO users (id, email, username, display_name, password_hash)
            SELECT id, 'h' || ord || '@example.com', 'h' || ord, 'Host ' || ord, 'x' FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)
            """, hostIds);
        await using var server = await BenchServer.StartAsync(db.ConnectionString, settings);
        var start = DateTimeOffset.UtcNow.AddHours(1);
        await LoadRunner.RunAsync(sessionIds.Length, 16, i => server.Grains.GetGrain<IStudySessionGrain>(sessionIds[i])
            .Create(new CreateSession(hostIds[i], "Benchmark", "Load", SessionTypes.Silent, 48.85, 2.35, start, 120, capacity)));

        await using var watchers = mapWatchers > 0 ? await OpenWatchersAsync(server, mapWatchers, watchersApart) : null;
        var workBefore = await DatabaseWork.ReadAsync(db);
        // A mark to attach a profiler by (dotnet-trace -p): the load of this path and concurrency starts now.
        Console.WriteLine($"  joins at concurrency {concurrency}, {(mapWatchers > 0 ? "live map open" : "nobody watching")}: load starts");
        var watchersCpuBefore = watchers?.OwnProcessorTime;
        var load = await LoadRunner.RunAsync(plan.Count, concurrency, async i =>
        {
            var outcome = await server.Grains.GetGrain<IStudySessionGrain>(plan[i].Session).Join(plan[i].User);
            if (outcome.Error is not null and not ErrorCodes.SessionFull) throw new InvalidOperationException(outcome.Error);
        });
        var loadEndedAt = Stopwatch.GetTimestamp();
        var liveMap = "nobody watching";
        if (watchers is not null)
        {
            var (heard, caughtUpMs) = await watchers.CatchUpAsync(owedPerWatcher, loadEndedAt);
            liveMap = $"{heard:N0} / {owedPerWatcher * watchers.Count:N0}, {caughtUpMs:N0} ms";
            // Apart, their own CPU through the catch-up, per join: what receiving the pushes took from the machine's cores.
            if (watchers.OwnProcessorTime - watchersCpuBefore is { } watchersCpu)
                liveMap += $"; the watchers' process {watchersCpu.TotalMilliseconds / load.Operations:F2} CPU ms per join";
        }
        var work = await DatabaseWork.SinceAsync(db, workBefore);

        var overbooked = 0;
        var miscounted = 0;
        foreach (var id in sessionIds)
        {
            var grain = server.Grains.GetGrain<IStudySessionGrain>(id);
            var (snapshot, participants) = ((await grain.Get())!, (await grain.GetParticipants())!);
            if (participants.Count > snapshot.MaxParticipants) overbooked++;
            if (snapshot.CurrentParticipants != participants.Count) miscounted++;
        }
        return new Outcome(load, overbooked, miscounted, liveMap, work);
    }
}
