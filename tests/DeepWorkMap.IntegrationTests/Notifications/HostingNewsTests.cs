using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.IntegrationTests.Sessions;

namespace DeepWorkMap.IntegrationTests.Notifications;

/// <summary>Followers' news by the batch, on a silo and the real PostgreSQL.</summary>
public sealed class HostingNewsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const double Latitude = 52.52, Longitude = 13.405;

    [Fact]
    public async Task Every_follower_in_range_is_told_once_whether_the_news_takes_one_batch_or_three_and_a_one_batch_job_leaves_nothing_behind()
    {
        await using var database = await TestDatabase.CreateAsync();
        var hosts = await TestUsers.CreateAsync(database, 2);
        var (popular, small) = (hosts[0], hosts[1]);
        var many = await TestUsers.CreateAsync(database, 2 * HostingNewsGrain.BatchSize + 500);
        var few = await TestUsers.CreateAsync(database, 3);
        var farAway = await TestUsers.CreateAsync(database, 1);
        await FollowAsync(database, popular, many, Latitude, Longitude);
        await FollowAsync(database, small, few, Latitude, Longitude);
        await FollowAsync(database, small, farAway, 48.85, 2.35); // Paris: the session in Berlin is not in their home area

        await using var cluster = await TestClusters.StartAsync(1, database);
        var (popularSession, smallSession) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Null((await cluster.Client.GetGrain<IStudySessionGrain>(popularSession).Create(SessionCommands.Valid(popular))).Error);
        Assert.Null((await cluster.Client.GetGrain<IStudySessionGrain>(smallSession).Create(SessionCommands.Valid(small))).Error);

        await Eventually.HoldsAsync(async () => await ToldAsync(database, popularSession) == many.Length, Patience, "every one of 2,500 followers told");
        await Eventually.HoldsAsync(async () => await ToldAsync(database, smallSession) == few.Length, Patience, "the three followers in range told");
        // The long job lets go of its reminder when it is done; the short one never had one.
        await Eventually.HoldsAsync(async () => await database.ScalarAsync<long>("SELECT count(*) FROM reminders WHERE reminder_name = 'resume'") == 0,
            Patience, "no resume reminder left");

        // Asking again tells nobody twice: the long job is recorded as done, the short one runs its batch again.
        var news = await cluster.Client.GetGrain<IStudySessionGrain>(smallSession).View(small, null);
        await cluster.Client.GetGrain<IHostingNewsGrain>(smallSession).Announce(news!);
        await cluster.Client.GetGrain<IHostingNewsGrain>(popularSession).Announce((await cluster.Client.GetGrain<IStudySessionGrain>(popularSession).View(popular, null))!);
        Assert.Equal(many.Length, await ToldAsync(database, popularSession));
        Assert.Equal(few.Length, await ToldAsync(database, smallSession));
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE user_id = $1", farAway[0]));
        Assert.Equal(1, await database.ScalarAsync<long>("SELECT count(*) FROM orleans_grain_state WHERE grain_type LIKE '%hosting%'"));
    }

    private static Task<long> ToldAsync(TestDatabase database, Guid sessionId) => database.ScalarAsync<long>(
        "SELECT count(*) FROM notifications WHERE subject_id = $1 AND kind = $2", sessionId, NotificationKinds.FollowedHostHosting);

    private static async Task FollowAsync(TestDatabase database, Guid host, Guid[] followers, double homeLatitude, double homeLongitude)
    {
        await using var command = database.DataSource.CreateCommand("""
            WITH home AS (
                INSERT INTO user_preferences (user_id, home_latitude, home_longitude, home_radius_km)
                SELECT id, $3, $4, 20 FROM unnest($1::uuid[]) AS t(id))
            INSERT INTO follows (follower_id, followee_id) SELECT id, $2 FROM unnest($1::uuid[]) AS t(id)
            """);
        foreach (var value in new object[] { followers, host, homeLatitude, homeLongitude }) command.Parameters.AddWithValue(value);
        await command.ExecuteNonQueryAsync();
    }
}
