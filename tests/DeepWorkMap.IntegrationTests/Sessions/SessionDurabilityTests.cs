using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Orleans.Runtime;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>Session state written through Orleans' ADO.NET storage on the real PostgreSQL, before each acknowledgement.</summary>
public sealed class SessionDurabilityTests
{
    [Fact]
    public async Task Sessions_read_back_exactly_after_deactivation_and_a_full_cluster_restart()
    {
        await using var database = await TestDatabase.CreateAsync();
        var users = await TestUsers.CreateAsync(database, 12);
        var sessionIds = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToArray();
        var before = new Dictionary<Guid, (SessionSnapshot Session, IReadOnlyList<ParticipantEntry> Participants)>();

        await using (var cluster = await TestClusters.StartAsync(3, database))
        {
            for (var i = 0; i < sessionIds.Length; i++)
            {
                var session = cluster.GrainFactory.GetGrain<IStudySessionGrain>(sessionIds[i]);
                await session.Create(SessionCommands.Valid(users[i], maxParticipants: 4, latitude: -30 + i * 7.5, longitude: 170 - i * 35));
                foreach (var joiner in users.Skip(10).Concat([users[(i + 1) % 10]])) await session.Join(joiner);
                if (i % 3 == 0) await session.Leave(users[10]);
                if (i % 4 == 0) await session.End(users[i]);
                // A removal is kept in a set made at the first one: it must outlive the restart, and sessions without one must still admit.
                if (i % 4 == 1) Assert.Null((await session.Remove(users[i], users[11])).Error);
                before[sessionIds[i]] = ((await session.Get())!, (await session.GetParticipants())!);
            }
            await cluster.StopAllSilosAsync();
        }

        await using var restarted = await TestClusters.StartAsync(3, database);
        foreach (var id in sessionIds)
        {
            var session = restarted.GrainFactory.GetGrain<IStudySessionGrain>(id);
            Assert.Equal(before[id].Session, await session.Get());
            Assert.Equal(before[id].Participants, await session.GetParticipants());
        }

        // The catalog row follows: status, seat count, tile key.
        foreach (var id in sessionIds)
        {
            var expected = before[id].Session;
            Assert.Equal(expected.Status, await database.ScalarAsync<string>("SELECT status FROM study_sessions WHERE id = $1", id));
            Assert.Equal(expected.CurrentParticipants, await database.ScalarAsync<int>("SELECT current_participants FROM study_sessions WHERE id = $1", id));
            Assert.Equal(DeepWorkMap.Grains.Geo.GeoGrid.Fine.TileOf(expected.Latitude, expected.Longitude),
                await database.ScalarAsync<string>("SELECT tile_key FROM study_sessions WHERE id = $1", id));
        }

        // After the restart (and after the catalog was read as the restart left it, since a change rewrites the row
        // on its own time): the removed user is still refused, and the others still leave and join.
        for (var i = 0; i < sessionIds.Length; i++)
        {
            if (i % 4 == 0) continue; // ended
            var session = restarted.GrainFactory.GetGrain<IStudySessionGrain>(sessionIds[i]);
            if (i % 4 == 1) Assert.Equal(ErrorCodes.Removed, (await session.Join(users[11])).Error);
            else
            {
                Assert.Null((await session.Leave(users[11])).Error);
                Assert.Null((await session.Join(users[11])).Error);
            }
        }
    }

    [Fact]
    public async Task A_silo_killed_mid_way_loses_no_acknowledged_join()
    {
        await using var database = await TestDatabase.CreateAsync();
        var hosts = await TestUsers.CreateAsync(database, 20);
        var sessionIds = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray();
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(Guid Session, Guid User)>();

        await using (var cluster = await TestClusters.StartAsync(3, database))
        {
            for (var i = 0; i < sessionIds.Length; i++)
                await cluster.GrainFactory.GetGrain<IStudySessionGrain>(sessionIds[i]).Create(SessionCommands.Valid(hosts[i], maxParticipants: 500));

            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
            {
                var random = new Random(worker);
                while (!stop.IsCancellationRequested)
                {
                    var (sessionId, user) = (sessionIds[random.Next(sessionIds.Length)], Guid.NewGuid());
                    try
                    {
                        var outcome = await cluster.Client.GetGrain<IStudySessionGrain>(sessionId).Join(user);
                        if (outcome.Error is null) acknowledged.Add((sessionId, user));
                    }
                    catch (Exception e) when (e is SiloUnavailableException or TimeoutException or OrleansException or OperationCanceledException)
                    {
                        // Outcome unknown: not acknowledged, so not counted.
                    }
                }
            })).ToArray();

            await Task.Delay(1500);
            var before = acknowledged.Count;
            await cluster.KillSiloAsync(cluster.SecondarySilos[0]);
            await Task.Delay(3000);
            await stop.CancelAsync();
            await Task.WhenAll(load);
            Assert.True(before > 0 && acknowledged.Count > before, $"joins must be acknowledged before ({before}) and after ({acknowledged.Count}) the kill");
            await cluster.StopAllSilosAsync();
        }

        await using var restarted = await TestClusters.StartAsync(3, database);
        foreach (var group in acknowledged.GroupBy(a => a.Session))
        {
            var participants = (await restarted.GrainFactory.GetGrain<IStudySessionGrain>(group.Key).GetParticipants())!.Select(p => p.UserId).ToHashSet();
            Assert.All(group, join => Assert.Contains(join.User, participants));
        }
    }
}
