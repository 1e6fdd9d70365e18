using System.Collections.Concurrent;
using DeepWorkMap.Contracts.Live;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.IntegrationTests.Sessions;
using Orleans.Runtime;

namespace DeepWorkMap.IntegrationTests.FocusRoom;

/// <summary>Killing the silo that hosts a timed session changes nothing anyone sees, beyond a renewal gap (3 silos, PostgreSQL).</summary>
public sealed class TimerFailoverTests
{
    private sealed class Recorder : QuietSessionObserver
    {
        public ConcurrentQueue<TimerPhase?> Phases { get; } = new();

        public override Task PhaseChanged(Guid sessionId, TimerPhase? phase)
        {
            Phases.Enqueue(phase);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task After_the_hosting_silo_dies_the_phase_is_the_same_and_the_next_boundary_is_still_pushed()
    {
        await using var database = await TestDatabase.CreateAsync();
        var users = await TestUsers.CreateAsync(database, 2);
        await using var cluster = await TestClusters.StartAsync(3, database);
        // Started 45 s ago with 1-minute focus phases: the first boundary is 15 s away.
        var command = SessionCommands.Valid(users[0], start: DateTimeOffset.UtcNow.AddSeconds(-45)) with { Timer = new TimerPlan(1, 1, 3) };
        var sessionId = await SessionPlacement.CreateOnSecondaryAsync(cluster, command);
        var session = cluster.Client.GetGrain<IStudySessionGrain>(sessionId);
        Assert.Null((await session.Join(users[1])).Error);
        var recorder = new Recorder();
        var frontDoor = cluster.Client.CreateObjectReference<ISessionObserver>(recorder);
        await session.Subscribe(users[1], frontDoor);
        var before = (await session.View(users[1], null))!.Phase!;

        await cluster.KillSiloAsync(await SessionPlacement.SiloOfAsync(cluster, sessionId));

        // The front door's renewals (every second here) find the session again wherever it comes back.
        using var stop = new CancellationTokenSource();
        var renewals = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try { await session.Watch(frontDoor, new Dictionary<Guid, PresenceReport>()); }
                catch (Exception e) when (e is SiloUnavailableException or TimeoutException or OrleansException) { }
                await Task.Delay(1000);
            }
        });
        await Eventually.HoldsAsync(async () => (await session.View(users[1], null))?.Phase is not null, TimeSpan.FromSeconds(60), "the session back");
        var after = (await session.View(users[1], null))!.Phase!;
        if (after.Kind == TimerPhase.Focus) Assert.Equal(before, after);

        await Eventually.HoldsAsync(() => Task.FromResult(recorder.Phases.Any(p => p?.Kind == TimerPhase.Break)), TimeSpan.FromSeconds(60), "the break pushed after the failover");
        Assert.Equal(before.EndsAt, recorder.Phases.First(p => p?.Kind == TimerPhase.Break)!.StartsAt);
        await stop.CancelAsync();
        await renewals;
    }
}
