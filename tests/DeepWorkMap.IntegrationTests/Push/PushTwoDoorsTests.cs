using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Push;

/// <summary>
/// Every front door pushes from the same tables: between two of them, each notification reaches each browser exactly
/// once, even when one front door stops while pushes are under way.
/// </summary>
public sealed class PushTwoDoorsTests : IAsyncLifetime
{
    private const int Readers = 30;
    private WebPushTesting _pushService = null!;
    private TestDatabase _database = null!;
    private RunningServer _a = null!, _b = null!;
    private bool _aStopped;

    public async Task InitializeAsync()
    {
        _pushService = await WebPushTesting.StartAsync();
        _database = await TestDatabase.CreateAsync();
        var settings = PushServerFixture.WithPush(RunningServer.OnRedis(_database, $"push2-{Guid.NewGuid():N}"[..16]), _pushService);
        _a = await RunningServer.StartAsync(settings);
        _b = await RunningServer.StartAsync(settings);
        await RunningServer.WaitForOneClusterAsync(_a, _b);
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        if (!_aStopped) await _a.DisposeAsync();
        await _database.DisposeAsync();
        await _pushService.DisposeAsync();
    }

    [Fact]
    public async Task Two_front_doors_push_each_notification_once_and_one_stopping_midway_loses_none()
    {
        var (host, _) = await _b.SignUpAsync();
        var readers = new List<(HttpClient Client, WebPushTesting.Subscription Browser)>();
        for (var i = 0; i < Readers; i++)
        {
            var (reader, _) = await (i % 2 == 0 ? _a : _b).SignUpAsync();
            readers.Add((reader, await PushDevices.SubscribeAsync(reader, _pushService, PushServerFixture.Keys.PublicKey)));
        }
        var session = await PushDevices.CancelledWithAsync(host, readers.Select(r => r.Client).ToArray());

        async Task<int[]> CountsAsync() => await Task.WhenAll(readers.Select(async r => (await PushDevices.AboutAsync(_pushService, r.Browser, session.Id)).Count));
        // The first push is in: the pushers are at work. One front door stops now, with whatever it holds.
        await Eventually.HoldsAsync(async () => (await CountsAsync()).Any(count => count > 0), TimeSpan.FromSeconds(60), "the first push");
        _aStopped = true;
        await _a.DisposeAsync();
        await Eventually.HoldsAsync(async () => (await CountsAsync()).All(count => count >= 1), TimeSpan.FromSeconds(90), "a push to every reader");

        // A later push to every reader's browser is the barrier: once each arrived, any second copy of the first would have too.
        var (witnessHost, _) = await _b.SignUpAsync();
        var later = await PushDevices.CancelledWithAsync(witnessHost, readers.Select(r => r.Client).Where((_, i) => i % 2 == 1).ToArray());
        await Eventually.HoldsAsync(async () => (await Task.WhenAll(readers.Where((_, i) => i % 2 == 1)
            .Select(async r => (await PushDevices.AboutAsync(_pushService, r.Browser, later.Id)).Count))).All(count => count == 1),
            TimeSpan.FromSeconds(60), "the barrier pushes");
        Assert.All(await CountsAsync(), count => Assert.Equal(1, count));
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE pushed_at IS NULL"));
    }
}
