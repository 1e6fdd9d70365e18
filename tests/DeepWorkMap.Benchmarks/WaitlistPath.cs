using System.Collections.Concurrent;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Server.Persistence;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// The joins benchmark's waitlist path: every session full, <see cref="WaitersPerSession"/> people queue for each,
/// then <see cref="LeavesPerSession"/> participants of each leave, each leave seating the first in line in the same
/// grain turn and state write. Checks afterwards that no session is over capacity and that exactly the first in
/// line were seated, in the order they queued. Each seat also puts a notice in the seated user's inbox; with
/// <c>mailSeats</c>, the waiters have verified addresses and ask for <c>waitlist_promoted</c> by mail, so every seat is
/// also mailed (the server has no SMTP server: its outbox writes <c>.eml</c> files), and the run waits until every
/// seat's mail has left the outbox.
/// </summary>
public static class WaitlistPath
{
    public const int WaitersPerSession = 10;
    public const int LeavesPerSession = 5;

    /// <summary>Mailed: seat mails sent; MailDrainSeconds: from the last leave's answer until the last of them left the outbox.</summary>
    public sealed record Outcome(LoadResult Queue, LoadResult Leaves, int Overbooked, int OutOfOrder, int Promoted, long Mailed, double MailDrainSeconds,
        DatabaseWork LeaveWork);

    public static async Task<Outcome> RunAsync(string admin, Guid[] sessionIds, Guid[] hostIds, int capacity, int concurrency, bool mailSeats = false)
    {
        await using var db = await BenchDatabase.CreateAsync(admin, mailSeats ? "bench_waitlist_mail" : "bench_waitlist");
        await new SchemaMigrations(db.DataSource).UpgradeAsync();
        await db.ExecuteAsync("""
            INSERT INTO users (id, email, username, display_name, password_hash)
            SELECT id, 'h' || ord || '@example.com', 'h' || ord, 'Host ' || ord, 'x' FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)
            """, hostIds);
        var mailFolder = Directory.CreateTempSubdirectory("deepwork-bench-mail");
        await using var server = await BenchServer.StartAsync(db.ConnectionString, new Dictionary<string, string?> { ["Email:PickupDirectory"] = mailFolder.FullName });
        var start = DateTimeOffset.UtcNow.AddHours(1);
        var random = new Random(20261127);
        IStudySessionGrain Grain(Guid id) => server.Grains.GetGrain<IStudySessionGrain>(id);

        // Untimed: every session created with a line as long as its waiters, and filled.
        var seated = sessionIds.ToDictionary(id => id, _ => Enumerable.Range(0, capacity - 1).Select(_ => Guid.NewGuid()).ToArray());
        await LoadRunner.RunAsync(sessionIds.Length, 16, async i =>
        {
            var grain = Grain(sessionIds[i]);
            await grain.Create(new CreateSession(hostIds[i], "Benchmark", "Load", SessionTypes.Silent, 48.85, 2.35, start, 120, capacity,
                WaitlistLimit: WaitersPerSession));
            foreach (var user in seated[sessionIds[i]]) await grain.Join(user);
        });

        // Timed: the queue forms, all sessions at once, in a shuffled order. The waiters are real accounts: each one
        // seated gets a notice in their inbox.
        var queue = sessionIds.SelectMany(id => Enumerable.Range(0, WaitersPerSession).Select(_ => (Session: id, User: Guid.NewGuid())))
            .OrderBy(_ => random.Next()).ToArray();
        await db.ExecuteAsync("""
            INSERT INTO users (id, email, username, display_name, password_hash)
            SELECT id, 'w' || ord || '@example.com', 'w' || ord, 'Waiter ' || ord, 'x' FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)
            """, queue.Select(q => q.User).ToArray());
        if (mailSeats)
        {
            await db.ExecuteAsync("UPDATE users SET email_verified_at = now() WHERE id = ANY($1)", queue.Select(q => q.User).ToArray());
            await db.ExecuteAsync("""
                INSERT INTO user_preferences (user_id, email_kinds) SELECT id, '{waitlist_promoted}' FROM unnest($1::uuid[]) AS t(id)
                """, queue.Select(q => q.User).ToArray());
        }
        var positions = new ConcurrentDictionary<(Guid Session, Guid User), int>();
        var queued = await LoadRunner.RunAsync(queue.Length, concurrency, async i =>
        {
            var outcome = await Grain(queue[i].Session).JoinWaitlist(queue[i].User, null);
            if (outcome.Error is not null) throw new InvalidOperationException(outcome.Error);
            positions[queue[i]] = outcome.Session!.Mine!.WaitlistPosition!.Value;
        });

        // Timed: leaves that each seat the next in line.
        var workBefore = await DatabaseWork.ReadAsync(db);
        var leaves = sessionIds.SelectMany(id => seated[id].Take(LeavesPerSession).Select(user => (Session: id, User: user)))
            .OrderBy(_ => random.Next()).ToArray();
        // A mark to attach a profiler by (dotnet-trace -p), as the joins have: the leaves of this run start now.
        Console.WriteLine($"  leaves at concurrency {concurrency}{(mailSeats ? ", each seat mailed" : "")}: load starts");
        var left = await LoadRunner.RunAsync(leaves.Length, concurrency, async i =>
        {
            var outcome = await Grain(leaves[i].Session).Leave(leaves[i].User);
            if (outcome.Error is not null) throw new InvalidOperationException(outcome.Error);
        });
        var (mailed, drain) = mailSeats ? await WaitForMailAsync(db, sessionIds.Length * LeavesPerSession) : (0, 0.0);
        var leaveWork = await DatabaseWork.SinceAsync(db, workBefore);
        mailFolder.Delete(recursive: true);

        var (overbooked, outOfOrder, promoted) = (0, 0, 0);
        foreach (var id in sessionIds)
        {
            var grain = Grain(id);
            var snapshot = (await grain.Get())!;
            var participants = (await grain.GetParticipants())!;
            if (participants.Count > snapshot.MaxParticipants) overbooked++;
            // In line order (by the position each was answered), the first ones must be seated, in that order, and no one else.
            var line = positions.Where(p => p.Key.Session == id).OrderBy(p => p.Value).Select(p => p.Key.User).ToList();
            var seatedFromLine = participants.Where(p => line.Contains(p.UserId)).Select(p => p.UserId).ToList();
            promoted += seatedFromLine.Count;
            if (!seatedFromLine.SequenceEqual(line.Take(LeavesPerSession)) || snapshot.WaitlistCount != line.Count - LeavesPerSession) outOfOrder++;
        }
        return new Outcome(queued, left, overbooked, outOfOrder, promoted, mailed, drain, leaveWork);
    }

    /// <summary>Waits (up to 5 minutes) until <paramref name="expected"/> seat mails were sent; answers how many and how long it took.</summary>
    private static async Task<(long Mailed, double Seconds)> WaitForMailAsync(BenchDatabase db, int expected)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long sent;
        while ((sent = await db.ScalarAsync<long>("SELECT count(*) FROM mail_outbox WHERE sent_at IS NOT NULL")) < expected && clock.Elapsed < TimeSpan.FromMinutes(5))
            await Task.Delay(50);
        return (sent, clock.Elapsed.TotalSeconds);
    }
}
