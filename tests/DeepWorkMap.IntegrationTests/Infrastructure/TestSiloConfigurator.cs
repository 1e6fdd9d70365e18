using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>
/// TestCluster silos, configured from the cluster's properties (configurators are created by reflection
/// and cannot capture state): "Postgres" switches grain storage and the session catalog to that database.
/// </summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var postgres = siloBuilder.Configuration["Postgres"];
        var services = siloBuilder.Services;
        services.AddSingleton(Clock.System);
        // The caps are off for tests, as RunningServer has them; a test of a cap turns it on.
        services.Configure<ParticipationLimits>(limits => limits.ActiveJoinsPerUser = 0);
        services.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(15));
        var database = string.IsNullOrEmpty(postgres) ? null : postgres;
        SiloSetup.AddGrainStorage(siloBuilder, database);
        SiloSetup.AddReminders(siloBuilder, database);
        services.AddStores(database);
    }
}

public sealed class TestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(15));
}
