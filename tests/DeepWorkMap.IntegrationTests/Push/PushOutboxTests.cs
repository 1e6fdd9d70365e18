using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.Server.Push;

namespace DeepWorkMap.IntegrationTests.Push;

/// <summary>
/// The push outbox on PostgreSQL, with no server around it: while one front door holds notifications it is turning into
/// deliveries, another takes none of them, so each notification becomes one delivery per browser, never two.
/// </summary>
public sealed class PushOutboxTests : IAsyncLifetime
{
    private const int Notifications = 20;
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Two_pushers_at_once_turn_each_notification_into_one_delivery_per_browser()
    {
        var user = (await TestUsers.CreateAsync(_database, 1))[0];
        var point = VapidKeys.Generate("mailto:a@example.org").PublicKey; // any P-256 point does for a browser's key here
        var subscriptions = new PostgresPushSubscriptionStore(_database.DataSource);
        foreach (var browser in new[] { "https://push.example.org/a", "https://push.example.org/b" })
            await subscriptions.AddAsync(user, new PushEndpoint(browser, point, "AAAAAAAAAAAAAAAAAAAAAA"), 10, DateTimeOffset.UtcNow);
        for (var i = 0; i < Notifications; i++)
            await _database.ScalarAsync<Guid>(
                "INSERT INTO notifications (id, user_id, kind, subject_id, occurrence, title, body, created_at) " +
                "VALUES ($1, $2, 'session_cancelled', $3, 'o', 'A title', 'A body', clock_timestamp()) RETURNING id",
                Guid.CreateVersion7(), user, Guid.NewGuid());

        // The first pusher stops inside its transaction, with the notifications it took still unmarked.
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = Task.Run(() => new PostgresPushOutbox(_database.DataSource).EnqueueAsync(Notifications, notification =>
        {
            holding.Set();
            Assert.True(release.Wait(TimeSpan.FromSeconds(30)), "released");
            return PushPayloads.Compose(notification);
        }, DateTimeOffset.UtcNow));
        Assert.True(holding.Wait(TimeSpan.FromSeconds(30)), "the first pusher holds the notifications");
        var second = await new PostgresPushOutbox(_database.DataSource).EnqueueAsync(Notifications, PushPayloads.Compose, DateTimeOffset.UtcNow)
            .WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : -1);
        release.Set();

        Assert.Equal(Notifications, await first);
        Assert.True(second is 0 or -1, $"the second pusher took {second} notifications the first held");
        Assert.Equal(2 * Notifications, await _database.ScalarAsync<long>("SELECT count(*) FROM push_deliveries"));
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE pushed_at IS NULL"));
    }
}
