using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.Server.Push;

namespace DeepWorkMap.IntegrationTests.Push;

/// <summary>A cluster-mode server with a VAPID key pair, pushing to a web-push-testing server of its own.</summary>
public sealed class PushServerFixture : IAsyncLifetime
{
    public static readonly VapidKeys Keys = VapidKeys.Generate("mailto:ops@deepwork.test");

    public TestDatabase Database { get; private set; } = null!;
    public RunningServer Server { get; private set; } = null!;
    public WebPushTesting PushService { get; private set; } = null!;

    /// <summary>The settings that give a server <see cref="Keys"/> and let it push to <paramref name="pushService"/>.</summary>
    public static Dictionary<string, string?> WithPush(Dictionary<string, string?> settings, WebPushTesting pushService)
    {
        settings["Push:VapidPublicKey"] = Keys.PublicKey;
        settings["Push:VapidPrivateKey"] = Keys.PrivateKey;
        settings["Push:Subject"] = Keys.Subject;
        settings["Push:TestOrigin"] = pushService.Origin;
        settings["Push:PollSeconds"] = "1";
        return settings;
    }

    public async Task InitializeAsync()
    {
        PushService = await WebPushTesting.StartAsync();
        Database = await TestDatabase.CreateAsync();
        Server = await RunningServer.StartAsync(WithPush(RunningServer.Durable(Database), PushService));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Database.DisposeAsync();
        await PushService.DisposeAsync();
    }
}
