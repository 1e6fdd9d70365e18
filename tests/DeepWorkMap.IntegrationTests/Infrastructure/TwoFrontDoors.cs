namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>Two front doors, each with its own silo, in one cluster on Redis and a fresh PostgreSQL database, ready to serve.</summary>
public sealed class TwoFrontDoors : IAsyncDisposable
{
    private TwoFrontDoors(TestDatabase database, RunningServer a, RunningServer b) => (Database, A, B) = (database, a, b);

    public TestDatabase Database { get; }

    public RunningServer A { get; }

    public RunningServer B { get; }

    /// <summary>
    /// Starts both and waits until each silo sees the other; <paramref name="name"/> prefixes the cluster id, and
    /// <paramref name="settings"/> (if any) are added to both front doors' configuration.
    /// </summary>
    public static async Task<TwoFrontDoors> StartAsync(string name, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync();
        var clusterId = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
        Dictionary<string, string?> Configured()
        {
            var configured = RunningServer.OnRedis(database, clusterId);
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configured[key] = value;
            return configured;
        }
        var a = await RunningServer.StartAsync(Configured());
        var b = await RunningServer.StartAsync(Configured());
        await RunningServer.WaitForOneClusterAsync(a, b);
        return new TwoFrontDoors(database, a, b);
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Database.DisposeAsync();
    }
}
