namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>A cluster-mode server on a fresh PostgreSQL database whose clock the tests move.</summary>
public sealed class ClockedDurableServerFixture : IAsyncLifetime
{
    public ShiftableClock Clock { get; } = new();
    public TestDatabase Database { get; private set; } = null!;
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Server = await RunningServer.StartAsync(RunningServer.Durable(Database),
            builder => builder.Services.AddSingleton(new DeepWorkMap.Grains.Clock(Clock)));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Database.DisposeAsync();
    }
}
