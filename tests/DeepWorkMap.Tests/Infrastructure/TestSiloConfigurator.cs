using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Chat;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Server.Chat;
using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Persistence;
using DeepWorkMap.Server.Sessions;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace DeepWorkMap.Tests.Infrastructure;

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
        services.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(15));
        if (string.IsNullOrEmpty(postgres))
        {
            siloBuilder.AddMemoryGrainStorage(SiloSetup.StorageName);
            services.AddSingleton<ISessionCatalog, InMemorySessionCatalog>();
            services.AddSingleton<IChatLog, InMemoryChatLog>();
        }
        else
        {
            SiloSetup.AddAdoNetStorage(siloBuilder, postgres);
            services.AddSingleton(_ => PostgresDataSource.Create(postgres));
            services.AddSingleton<ISessionCatalog, PostgresSessionCatalog>();
            services.AddSingleton<IChatLog, PostgresChatLog>();
        }
    }
}

public sealed class TestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(15));
}
