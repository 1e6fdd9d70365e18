
namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>An embedded server with the default chat budget.</summary>
public sealed class DefaultServerFixture : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync();

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}
