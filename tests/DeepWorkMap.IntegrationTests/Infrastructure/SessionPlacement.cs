using DeepWorkMap.Contracts.Sessions;
using Orleans.TestingHost;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>Where a test cluster hosts a session grain, so a test can kill exactly that silo.</summary>
public static class SessionPlacement
{
    /// <summary>Creates the session under new ids until one lands on a silo that may die (the primary holds the test cluster's membership).</summary>
    public static async Task<Guid> CreateOnSecondaryAsync(TestCluster cluster, CreateSession command)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var id = Guid.NewGuid();
            Assert.Null((await cluster.Client.GetGrain<IStudySessionGrain>(id).Create(command)).Error);
            if (await SiloOfAsync(cluster, id) != cluster.Primary) return id;
        }
        throw new InvalidOperationException("Every session landed on the primary silo.");
    }

    public static Task<SiloHandle> SiloOfAsync(TestCluster cluster, Guid sessionId) =>
        SiloOfAsync(cluster, (GrainReference)cluster.Client.GetGrain<IStudySessionGrain>(sessionId));

    /// <summary>The silo where the grain is active now.</summary>
    public static async Task<SiloHandle> SiloOfAsync(TestCluster cluster, GrainReference grain)
    {
        var statistics = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var address = statistics.Single(s => s.GrainId == grain.GrainId).SiloAddress;
        return cluster.Silos.Single(s => s.SiloAddress.Equals(address));
    }
}
