using System.Data.Common;
using System.Net;
using DeepWorkMap.Server.Persistence;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace DeepWorkMap.Server.Hosting;

/// <summary>Configures the co-hosted silo for embedded or cluster mode.</summary>
public static class SiloSetup
{
    /// <summary>The grain storage every DeepWorkMap grain persists through.</summary>
    public const string StorageName = DeepWorkMap.Grains.StorageNames.Default;

    public static void Configure(ISiloBuilder silo, DeploymentSettings settings)
    {
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });

        // Grain calls carry the caller's trace, so a request's spans continue across silos. Only when traces
        // go somewhere: the propagation filters cost every grain call a few allocations.
        if (settings.ExportsTelemetry) silo.AddActivityPropagation();

        silo.Configure<ClusterMembershipOptions>(options =>
        {
            // A silo killed without a goodbye is declared dead after about three missed probes, and its
            // grains come back elsewhere; the default (10 s probes) would leave them unreachable for ~30 s.
            options.ProbeTimeout = settings.ProbeTimeout;
            options.NumMissedProbesLimit = 3;
        });

        if (settings.RedisConnectionString is { } redis)
        {
            silo.UseRedisClustering(redis);
            silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(settings.AdvertisedAddress));
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
        }

        if (settings.PostgresConnectionString is { } postgres)
        {
            AddAdoNetStorage(silo, postgres);
        }
        else
        {
            silo.AddMemoryGrainStorage(StorageName);
        }
    }

    /// <summary>Orleans' ADO.NET grain storage on PostgreSQL; its statements come from sql/001_orleans_grain_storage.sql.</summary>
    public static void AddAdoNetStorage(ISiloBuilder silo, string postgres)
    {
        DbProviderFactories.RegisterFactory("Npgsql", NpgsqlFactory.Instance);
        silo.AddAdoNetGrainStorage(StorageName, options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = PostgresDataSource.WithAutoPrepare(postgres);
        });
        // Looked up by the storage's name before the silo's default (JSON) serializer; see GrainStateSerializer.
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer>(StorageName, (services, _) => new GrainStateSerializer(
            services.GetRequiredService<Serializer>(), services.GetRequiredService<IGrainStorageSerializer>()));
    }
}
