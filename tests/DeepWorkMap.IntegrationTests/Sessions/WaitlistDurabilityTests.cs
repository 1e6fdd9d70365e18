using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Orleans.Runtime;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>The waitlist under concurrency and failure, on 3 silos and the real PostgreSQL.</summary>
public sealed class WaitlistDurabilityTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ten_concurrent_leaves_promote_exactly_the_first_ten_of_sixty_in_order_each_told_once_even_when_the_silo_dies()
    {
        await using var database = await TestDatabase.CreateAsync();
        var hostId = (await TestUsers.CreateAsync(database, 1))[0];
        var participants = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToArray();
        // Real accounts: each one seated gets a notice in their inbox. The fourth mutes seat notices, the sixth mutes
        // another kind: their notices go in the same batched inserts as the others', and only the fourth's is dropped.
        var waiters = await TestUsers.CreateAsync(database, 60);
        await MuteAsync(database, waiters[3], NotificationKinds.WaitlistPromoted);
        await MuteAsync(database, waiters[5], NotificationKinds.SessionChanged);
        Guid sessionId;

        await using (var cluster = await TestClusters.StartAsync(3, database))
        {
            // The session must live on a silo that may die (the primary holds the test cluster's membership).
            sessionId = await SessionPlacement.CreateOnSecondaryAsync(cluster, SessionCommands.Valid(hostId, maxParticipants: 11) with { WaitlistLimit = 60 });
            var session = cluster.Client.GetGrain<IStudySessionGrain>(sessionId);
            foreach (var user in participants) Assert.Null((await session.Join(user)).Error);
            for (var i = 0; i < waiters.Length; i++)
                Assert.Equal(i + 1, (await session.JoinWaitlist(waiters[i], null)).Session!.Mine!.WaitlistPosition);
            Assert.Equal(ErrorCodes.WaitlistFull, (await session.JoinWaitlist(Guid.NewGuid(), null)).Error);

            // Ten leaves at once; the silo holding the session is killed while they are under way. A leave whose
            // outcome is unknown is sent again, as a client would: leaving twice is harmless. Until the cluster
            // declares the silo dead, calls still go to it; on a loaded machine that took longer than 5 s of retries.
            var hosting = await SessionPlacement.SiloOfAsync(cluster, sessionId);
            var retrying = System.Diagnostics.Stopwatch.StartNew();
            var leaves = participants.Select((user, i) => Task.Run(async () =>
            {
                await Task.Delay(i * 40);
                while (true)
                {
                    try
                    {
                        Assert.Null((await cluster.Client.GetGrain<IStudySessionGrain>(sessionId).Leave(user)).Error);
                        return;
                    }
                    catch (Exception e) when (retrying.Elapsed < TimeSpan.FromSeconds(90) && e is SiloUnavailableException or TimeoutException or OrleansException)
                    {
                        await Task.Delay(250);
                    }
                }
            })).ToArray();
            await Task.Delay(150);
            await cluster.KillSiloAsync(hosting);
            await Task.WhenAll(leaves);

            await AssertPromotedInOrderAsync(cluster.Client.GetGrain<IStudySessionGrain>(sessionId), hostId, waiters);
            // Each seat's notice, kept in the session's state with the seat, reaches the inbox even when the silo that gave
            // the seat died before delivering it (the next activation delivers it).
            await Eventually.HoldsAsync(async () => (await SeatNoticesAsync(database, sessionId)).Count >= 9, Patience, "nine seat notices");
            await cluster.StopAllSilosAsync();
        }

        // Everything acknowledged was durable: a whole new cluster reads the same seats and the same line.
        await using var restarted = await TestClusters.StartAsync(3, database);
        await AssertPromotedInOrderAsync(restarted.Client.GetGrain<IStudySessionGrain>(sessionId), hostId, waiters);
        await AssertToldOnceInLineOrderAsync(database, sessionId, waiters);
    }

    /// <summary>
    /// Exactly the first ten waiters were told of their seat, once each (the fourth, who mutes it, not at all), and the seats'
    /// moments (each notice's occurrence) follow the line: nobody further back was seated before someone ahead of them.
    /// </summary>
    private static async Task AssertToldOnceInLineOrderAsync(TestDatabase database, Guid sessionId, Guid[] waiters)
    {
        var told = await SeatNoticesAsync(database, sessionId);
        var expected = waiters.Take(10).Where((_, i) => i != 3).ToList();
        Assert.Equal(expected.Order(), told.Select(n => n.UserId).Order());
        var occurrences = expected.Select(user => told.Single(n => n.UserId == user).Occurrence).ToList();
        Assert.Equal(occurrences.Order(StringComparer.Ordinal), occurrences);
    }

    private static async Task<List<(Guid UserId, string Occurrence)>> SeatNoticesAsync(TestDatabase database, Guid sessionId)
    {
        await using var command = database.DataSource.CreateCommand("SELECT user_id, occurrence FROM notifications WHERE kind = $1 AND subject_id = $2");
        command.Parameters.AddWithValue(NotificationKinds.WaitlistPromoted);
        command.Parameters.AddWithValue(sessionId);
        var notices = new List<(Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) notices.Add((reader.GetGuid(0), reader.GetString(1)));
        return notices;
    }

    private static async Task MuteAsync(TestDatabase database, Guid userId, string kind)
    {
        await using var command = database.DataSource.CreateCommand("INSERT INTO user_preferences (user_id, muted_kinds) VALUES ($1, $2)");
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(new[] { kind });
        await command.ExecuteNonQueryAsync();
    }

    private static async Task AssertPromotedInOrderAsync(IStudySessionGrain session, Guid hostId, Guid[] waiters)
    {
        var seated = (await session.GetParticipants())!;
        Assert.Equal(11, seated.Count);
        Assert.Equal(hostId, seated[0].UserId);
        // The participants list is in join order: exactly the first ten waiters, in the order they queued.
        Assert.Equal(waiters.Take(10), seated.Skip(1).Select(p => p.UserId));
        var snapshot = (await session.Get())!;
        Assert.Equal(50, snapshot.WaitlistCount);
        for (var i = 10; i < waiters.Length; i++)
        {
            var mine = (await session.View(waiters[i], null))!.Mine!;
            Assert.Equal((ParticipantRoles.Waitlisted, i - 9), (mine.Role, mine.WaitlistPosition));
        }
    }
}
