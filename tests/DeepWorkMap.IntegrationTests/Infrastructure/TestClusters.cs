using Orleans.TestingHost;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

public static class TestClusters
{
    /// <summary>
    /// An in-process cluster of <paramref name="silos"/> silos; on <paramref name="database"/> when given,
    /// else in memory. The service id is fixed: grain state is keyed by it, and a restarted cluster must find its own.
    /// </summary>
    public static async Task<TestCluster> StartAsync(short silos, TestDatabase? database = null)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = "deepwork-test";
        if (database is not null) builder.Properties["Postgres"] = database.ConnectionString;
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TestClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
