using System.Diagnostics;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Server.Persistence;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// Followers' news: a host with many followers (each with a home area holding the session) creates public sessions,
/// against a host with none, in the same run. The create's own time must not grow with the followers; the news
/// reaches them in batches afterwards (time until the last follower's inbox has it).
/// </summary>
public static class FanOutBenchmark
{
    public static async Task RunAsync(string admin, int followers, int rounds)
    {
        await using var db = await BenchDatabase.CreateAsync(admin, "bench_fanout");
        await new SchemaMigrations(db.DataSource).UpgradeAsync();
        var (popular, lonely) = (Guid.NewGuid(), Guid.NewGuid());
        var followerIds = Enumerable.Range(0, followers).Select(_ => Guid.NewGuid()).ToArray();
        await db.ExecuteAsync("""
            INSERT INTO users (id, email, username, display_name, password_hash)
            SELECT id, 'f' || ord || '@example.com', 'f' || ord, 'Follower ' || ord, 'x' FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)
            """, followerIds.Append(popular).Append(lonely).ToArray());
        await db.ExecuteAsync("""
            INSERT INTO user_preferences (user_id, home_latitude, home_longitude, home_radius_km) SELECT id, 48.85, 2.35, 20 FROM unnest($1::uuid[]) AS t(id)
            """, followerIds);
        await db.ExecuteAsync("INSERT INTO follows (follower_id, followee_id) SELECT id, $2 FROM unnest($1::uuid[]) AS t(id)", followerIds, popular);
        await using var server = await BenchServer.StartAsync(db.ConnectionString);

        var creates = new Dictionary<Guid, List<double>> { [popular] = [], [lonely] = [] };
        var reachedAll = new List<double>();
        for (var round = 0; round < rounds + 1; round++)
        {
            var start = DateTimeOffset.UtcNow.AddHours(2 + round);
            // The host with followers first; the other creates while that news is still going out.
            var (popularSession, popularMs) = await CreateAsync(server, popular, start);
            var answeredAt = Stopwatch.GetTimestamp();
            var (_, lonelyMs) = await CreateAsync(server, lonely, start);
            while (await db.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE subject_id = $1", popularSession) < followers)
                await Task.Delay(20);
            if (round == 0) continue; // warm-up
            creates[popular].Add(popularMs);
            creates[lonely].Add(lonelyMs);
            reachedAll.Add(Stopwatch.GetElapsedTime(answeredAt).TotalMilliseconds);
        }

        var report = new Report($"Followers' news: a public session by a host with {followers:N0} followers (all in range) vs a host with none, {rounds} rounds",
            "host", "create p50 ms", "create max ms", "vs no followers", "last follower told after (median, max)");
        double Median(List<double> values) => Percentiles.Of([.. values.Order()], 0.5);
        var baseline = Median(creates[lonely]);
        report.Row("no followers", baseline, creates[lonely].Max(), "1.00×", "");
        report.Row($"{followers:N0} followers", Median(creates[popular]), creates[popular].Max(),
            $"{Median(creates[popular]) / baseline:F2}×", $"{Median(reachedAll):N0} ms, {reachedAll.Max():N0} ms");
        report.Note("Create: the session grain's Create call, what POST /api/sessions waits for (state written, catalog row, map tiles, reminders).");
        report.Note($"The news goes out in batches of 1,000 (one query for the followers in range, one insert, pushes to those connected), after the create answered; the host without followers creates while the other's news is going out.");
        report.Publish("fanout.md");
    }

    private static async Task<(Guid Id, double Ms)> CreateAsync(BenchServer server, Guid host, DateTimeOffset start)
    {
        var id = Guid.NewGuid();
        var began = Stopwatch.GetTimestamp();
        var outcome = await server.Grains.GetGrain<IStudySessionGrain>(id).Create(
            new CreateSession(host, "Benchmark", "Load", SessionTypes.Silent, 48.85, 2.35, start, 60, 10));
        if (outcome.Error is not null) throw new InvalidOperationException(outcome.Error);
        return (id, Stopwatch.GetElapsedTime(began).TotalMilliseconds);
    }
}
