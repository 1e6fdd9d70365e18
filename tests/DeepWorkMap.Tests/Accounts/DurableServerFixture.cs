using DeepWorkMap.Tests.Infrastructure;

namespace DeepWorkMap.Tests.Accounts;

/// <summary>One cluster-mode server on a fresh PostgreSQL database, shared by a test class.</summary>
public sealed class DurableServerFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Server = await RunningServer.StartAsync(RunningServer.Durable(Database));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Database.DisposeAsync();
    }
}
