using Microsoft.Extensions.Logging.Abstractions;
using DeepWorkMap.Contracts.Live;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Focus;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.IntegrationTests.Sessions;
using DeepWorkMap.Server.Persistence;
using DeepWorkMap.Server.Stats;
using Orleans.Runtime;

namespace DeepWorkMap.IntegrationTests.FocusRoom;

/// <summary>Focus time survives the loss of the silo hosting the session: at most one renewal period is lost (3 silos, PostgreSQL).</summary>
public sealed class FocusTimeFailoverTests
{
    [Fact]
    public async Task Killing_the_silo_that_hosts_a_session_loses_at_most_one_renewal_period_of_anyones_focus_time()
    {
        await using var database = await TestDatabase.CreateAsync();
        var users = await TestUsers.CreateAsync(database, 2);
        await using var cluster = await TestClusters.StartAsync(3, database);
        var sessionId = await SessionPlacement.CreateOnSecondaryAsync(cluster, SessionCommands.Valid(users[0], start: DateTimeOffset.UtcNow.AddMinutes(-1)));
        var session = cluster.Client.GetGrain<IStudySessionGrain>(sessionId);
        Assert.Null((await session.Join(users[1])).Error);

        // A front door holds the guest, present from now, and renews its report as front doors do.
        var frontDoor = cluster.Client.CreateObjectReference<ISessionObserver>(new QuietSessionObserver());
        var since = DateTimeOffset.UtcNow;
        var presence = new Dictionary<Guid, PresenceReport> { [users[1]] = new(PresenceStates.Active, since) };
        await session.ReportPresence(frontDoor, presence);
        using var stop = new CancellationTokenSource();
        var renewals = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try { await session.Watch(frontDoor, presence); }
                catch (Exception e) when (e is SiloUnavailableException or TimeoutException or OrleansException) { }
                await Task.Delay(FocusTracker.WriteEvery, CancellationToken.None);
            }
        });
        await Task.Delay(TimeSpan.FromSeconds(12));

        await cluster.KillSiloAsync(await SessionPlacement.SiloOfAsync(cluster, sessionId));
        await Eventually.HoldsAsync(async () => (await session.ParticipantsFor(users[0]))?.Single(p => p.UserId == users[1]).Presence == PresenceStates.Online,
            TimeSpan.FromSeconds(60), "the guest present again in the new activation");
        await Task.Delay(TimeSpan.FromSeconds(6));
        await stop.CancelAsync();
        await renewals;
        var leftAt = DateTimeOffset.UtcNow;
        await session.ReportPresence(frontDoor, new Dictionary<Guid, PresenceReport>());

        // Written within a sweep and a write period; the stretches before and after the kill join up.
        await using var dataSource = PostgresDataSource.Create(database.ConnectionString);
        await using var log = new PostgresFocusLog(dataSource, NullLogger<PostgresFocusLog>.Instance);
        var present = leftAt - since;
        var counted = TimeSpan.Zero;
        await Eventually.HoldsAsync(async () =>
        {
            counted = FocusDays.Within(await log.SpansAsync([users[1]], null, null), since, leftAt.AddSeconds(1));
            return counted >= present - FocusTracker.WriteEvery;
        }, TimeSpan.FromSeconds(30), "the focus time written");
        Assert.True(counted <= present + TimeSpan.FromSeconds(1), $"counted {counted} of {present} present");
    }
}
