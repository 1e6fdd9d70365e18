using DeepWorkMap.Server.Hosting;
using Orleans.TestingHost;

namespace DeepWorkMap.Tests.Infrastructure;

/// <summary>
/// TestCluster silos, configured from the cluster's properties (configurators are created by reflection
/// and cannot capture state): "Postgres" switches the grain storage to ADO.NET on that database.
/// </summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var postgres = siloBuilder.Configuration["Postgres"];
        if (string.IsNullOrEmpty(postgres))
        {
            siloBuilder.AddMemoryGrainStorage(SiloSetup.StorageName);
        }
        else
        {
            SiloSetup.AddAdoNetStorage(siloBuilder, postgres);
        }
    }
}
