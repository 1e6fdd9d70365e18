using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.IntegrationTests.Sessions;

namespace DeepWorkMap.IntegrationTests.Notifications;

/// <summary>
/// Reminders are Orleans reminders in PostgreSQL: they outlive the silo that registered them and the whole cluster.
/// Each test waits for a real reminder (about a minute).
/// </summary>
public sealed class ReminderTests
{
    private static readonly TimeSpan Lead = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Killing_the_silo_that_owns_a_session_30_seconds_before_its_reminder_loses_nothing_and_repeats_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (host, guest) = await UsersAsync(database);
        await using var cluster = await TestClusters.StartAsync(3, database);
        await cluster.Client.GetGrain<IUserGrain>(guest).SetPreferences(UserPreferences.Default with { ReminderMinutes = 5 });

        var due = DateTimeOffset.UtcNow.AddSeconds(40);
        var sessionId = await SessionPlacement.CreateOnSecondaryAsync(cluster, SessionCommands.Valid(host, start: due + Lead));
        Assert.Null((await cluster.Client.GetGrain<IStudySessionGrain>(sessionId).Join(guest)).Error);
        var owner = await SessionPlacement.SiloOfAsync(cluster, sessionId);

        await Task.Delay(due - TimeSpan.FromSeconds(30) - DateTimeOffset.UtcNow);
        await cluster.KillSiloAsync(owner);

        await Eventually.HoldsAsync(async () => await RemindersAsync(database, guest) > 0, TimeSpan.FromMinutes(3), "the reminder, after the kill");
        Assert.True(DateTimeOffset.UtcNow >= due, "not before it was due");
        // Another minute: a reminder that ticked again (or was delivered twice) would show a second row, or reach the host.
        await Task.Delay(TimeSpan.FromSeconds(65));
        Assert.Equal(1L, await RemindersAsync(database, guest));
        Assert.Equal(0L, await RemindersAsync(database, host)); // the host kept the default lead time (15 minutes), already past
    }

    [Fact]
    public async Task A_reminder_due_while_the_whole_cluster_is_down_arrives_late_rather_than_never()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (host, guest) = await UsersAsync(database);
        var due = DateTimeOffset.UtcNow.AddSeconds(25);
        await using (var cluster = await TestClusters.StartAsync(2, database))
        {
            await cluster.Client.GetGrain<IUserGrain>(guest).SetPreferences(UserPreferences.Default with { ReminderMinutes = 5 });
            var session = cluster.Client.GetGrain<IStudySessionGrain>(Guid.NewGuid());
            Assert.Null((await session.Create(SessionCommands.Valid(host, start: due + Lead))).Error);
            Assert.Null((await session.Join(guest)).Error);
            await cluster.StopAllSilosAsync();
        }

        await Task.Delay(due + TimeSpan.FromSeconds(5) - DateTimeOffset.UtcNow);
        Assert.Equal(0L, await RemindersAsync(database, guest));
        await using var restarted = await TestClusters.StartAsync(2, database);
        await Eventually.HoldsAsync(async () => await RemindersAsync(database, guest) == 1, TimeSpan.FromMinutes(3), "the late reminder");
    }

    private static async Task<(Guid Host, Guid Guest)> UsersAsync(TestDatabase database)
    {
        var users = await TestUsers.CreateAsync(database, 2);
        return (users[0], users[1]);
    }

    private static Task<long> RemindersAsync(TestDatabase database, Guid userId) =>
        database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE user_id = $1 AND kind = 'session_reminder'", userId);
}
