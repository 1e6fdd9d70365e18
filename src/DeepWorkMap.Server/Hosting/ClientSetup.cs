using Orleans.Configuration;

namespace DeepWorkMap.Server.Hosting;

/// <summary>Configures a front door's Orleans client: the silos' cluster, their gateways found through Redis.</summary>
public static class ClientSetup
{
    public static void Configure(IClientBuilder client, DeploymentSettings settings)
    {
        client.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.Silo.ClusterId;
            options.ServiceId = settings.Silo.ServiceId;
        });
        if (settings.ExportsTelemetry) client.AddActivityPropagation();
        // Calls to a silo that is stopping go again once its grains moved.
        client.AddOutgoingGrainCallFilter<HandOverRetry>();
        DatabaseFailures.CrossSilos(client.Services);
        client.UseRedisClustering(settings.RedisConnectionString!);
        SharedRedisMembership.Use(client.Services);
    }
}
