using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.IntegrationTests.Sessions;
using Orleans.Storage;
using Orleans.TestingHost;

namespace DeepWorkMap.IntegrationTests.Notifications;

/// <summary>Followers' news by the batch, on silos and the real PostgreSQL.</summary>
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

    [Fact]
    public async Task News_whose_silo_is_killed_mid_way_resumes_on_another_and_reaches_every_follower_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        var host = (await TestUsers.CreateAsync(database, 1))[0];
        var followers = await TestUsers.CreateAsync(database, 20 * HostingNewsGrain.BatchSize);
        await FollowAsync(database, host, followers, Latitude, Longitude);
        await using var cluster = await TestClusters.StartAsync(3, database);

        // The news grain is placed beside the session that announces it; both live on a silo that may die (the primary
        // holds the test cluster's membership). The session answers its create before it hands the news over.
        var sessionId = await SessionPlacement.CreateOnSecondaryAsync(cluster, SessionCommands.Valid(host));
        var silo = await SessionPlacement.SiloOfAsync(cluster, sessionId);
        await Eventually.HoldsAsync(async () => await ToldAsync(database, sessionId) >= HostingNewsGrain.BatchSize, Patience, "the first batch");
        Assert.Equal(silo, await SessionPlacement.SiloOfAsync(cluster, (GrainReference)cluster.Client.GetGrain<IHostingNewsGrain>(sessionId)));
        await cluster.KillSiloAsync(silo);
        var toldAtKill = await ToldAsync(database, sessionId);
        Assert.True(toldAtKill < followers.Length, $"the kill came after the news was out ({toldAtKill} told)");

        // The job's reminder (a minute after it was recorded) resumes it on a silo that took over the dead one's range.
        await Eventually.HoldsAsync(async () => await ToldAsync(database, sessionId) == followers.Length, TimeSpan.FromMinutes(3), "every follower, after the kill");
        Assert.Equal(followers.Length, await database.ScalarAsync<long>(
            "SELECT count(DISTINCT user_id) FROM notifications WHERE subject_id = $1 AND kind = $2", sessionId, NotificationKinds.FollowedHostHosting));
    }

    [Fact]
    public async Task A_job_recorded_without_its_reminder_goes_on_when_the_session_announces_again()
    {
        await using var database = await TestDatabase.CreateAsync();
        var host = (await TestUsers.CreateAsync(database, 1))[0];
        var followers = await TestUsers.CreateAsync(database, HostingNewsGrain.BatchSize + 200);
        await FollowAsync(database, host, followers, Latitude, Longitude);
        await using var cluster = await TestClusters.StartAsync(1, database);
        var sessionId = Guid.NewGuid();
        var session = cluster.Client.GetGrain<IStudySessionGrain>(sessionId);
        Assert.Null((await session.Create(SessionCommands.Valid(host) with { Visibility = SessionVisibilities.Private })).Error);
        var news = (await session.View(host, null))! with { Visibility = SessionVisibilities.Public, InviteCode = null };

        // What a silo that died between recording a long job and registering its reminder leaves: the record, from the start.
        var storage = ((InProcessSiloHandle)cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(Grains.StorageNames.Default);
        var newsGrainId = ((GrainReference)cluster.Client.GetGrain<IHostingNewsGrain>(sessionId)).GrainId;
        await storage.WriteStateAsync("hosting-news", newsGrainId, new GrainState<HostingNewsState>(new HostingNewsState { Session = news }));

        await cluster.Client.GetGrain<IHostingNewsGrain>(sessionId).Announce(news);
        await Eventually.HoldsAsync(async () => await ToldAsync(database, sessionId) == followers.Length, Patience, "every follower, from the record");
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
