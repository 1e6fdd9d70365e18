
namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>One embedded server whose clock the tests move.</summary>
public sealed class ClockedServerFixture : IAsyncLifetime
{
    public ShiftableClock Clock { get; } = new();
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await RunningServer.StartAsync(customize: builder => builder.Services.AddSingleton(new DeepWorkMap.Grains.Clock(Clock)));

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}
