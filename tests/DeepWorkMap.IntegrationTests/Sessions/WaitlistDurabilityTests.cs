using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Orleans.Runtime;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>The waitlist under concurrency and failure, on 3 silos and the real PostgreSQL.</summary>
public sealed class WaitlistDurabilityTests
{
    [Fact]
    public async Task Ten_concurrent_leaves_promote_exactly_the_first_ten_of_sixty_in_order_even_when_the_silo_dies()
    {
        await using var database = await TestDatabase.CreateAsync();
        var hostId = (await TestUsers.CreateAsync(database, 1))[0];
        var participants = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToArray();
        var waiters = Enumerable.Range(0, 60).Select(_ => Guid.NewGuid()).ToArray();
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
            await cluster.StopAllSilosAsync();
        }

        // Everything acknowledged was durable: a whole new cluster reads the same seats and the same line.
        await using var restarted = await TestClusters.StartAsync(3, database);
        await AssertPromotedInOrderAsync(restarted.Client.GetGrain<IStudySessionGrain>(sessionId), hostId, waiters);
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
