namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>An embedded server whose page reports a hidden tab away after 2 s instead of 2 minutes.</summary>
public sealed class QuickAwayServerFixture : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["Web:AwayAfterSeconds"] = "2" });

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}
