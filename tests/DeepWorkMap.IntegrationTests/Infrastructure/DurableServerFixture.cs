
namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>One cluster-mode server on a fresh PostgreSQL database, shared by a test class.</summary>
public class DurableServerFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var settings = RunningServer.Durable(Database);
        Customize(settings);
        Server = await RunningServer.StartAsync(settings);
    }

    /// <summary>Settings a test class needs on top of cluster mode.</summary>
    protected virtual void Customize(Dictionary<string, string?> settings)
    {
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Database.DisposeAsync();
    }
}
