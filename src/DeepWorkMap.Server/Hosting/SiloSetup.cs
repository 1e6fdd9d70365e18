using System.Data.Common;
using System.Net;
using DeepWorkMap.Server.Persistence;
using Npgsql;
using Orleans.Dashboard;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace DeepWorkMap.Server.Hosting;

/// <summary>Configures the co-hosted silo for embedded or cluster mode.</summary>
public static class SiloSetup
{
    /// <summary>The grain storage every DeepWorkMap grain persists through.</summary>
    public const string StorageName = DeepWorkMap.Grains.StorageNames.Default;

    /// <summary>The ADO.NET provider name Orleans checks the data source's connections against (registered below).</summary>
    private const string NpgsqlInvariant = "Npgsql";

    public static void Configure(ISiloBuilder silo, DeploymentSettings settings)
    {
        SiloPorts.EnsureFree(settings);
        silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, new MembershipClock());
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.Silo.ClusterId;
            options.ServiceId = settings.Silo.ServiceId;
        });

        // Grain calls carry the caller's trace, so a request's spans continue across silos. Only when traces
        // go somewhere: the propagation filters cost every grain call a few allocations.
        if (settings.ExportsTelemetry) silo.AddActivityPropagation();
        // Calls from this silo's grains and front door to a silo that is stopping go again once its grains moved.
        silo.AddOutgoingGrainCallFilter<HandOverRetry>();
        DatabaseFailures.CrossSilos(silo.Services);

        silo.Configure<ClusterMembershipOptions>(options =>
        {
            // A silo killed without a goodbye is declared dead after about three missed probes, and its
            // grains come back elsewhere; the default (10 s probes) would leave them unreachable for ~30 s.
            options.ProbeTimeout = TimeSpan.FromSeconds(settings.Silo.ProbeTimeoutSeconds);
            options.NumMissedProbesLimit = 3;
        });

        // The directory cache maps a grain to its silo so a call skips the placement worker and the directory lookup;
        // every grain called or activated here takes an entry (~150 B). Orleans' default of 1,000,000 sizes its tables up
        // front (~19 MB before the first grain), and 100,000 still held one entry per session grain: ~15 MB at 100,000
        // sessions in one silo. 10,000 keeps the grains in use (joins, chat, live sessions); a call to one not called for
        // a while takes the lookup path once, in-process with one silo, one directory hop in a cluster.
        silo.Configure<GrainDirectoryOptions>(options => options.CacheSize = 10_000);

        if (settings.RedisConnectionString is { } redis)
        {
            silo.UseRedisClustering(redis);
            SharedRedisMembership.Use(silo.Services);
            silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.Silo.SiloPort, settings.Silo.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(settings.AdvertisedAddress));
        }
        else
        {
            silo.UseLocalhostClustering(settings.Silo.SiloPort, settings.Silo.GatewayPort);
        }

        // One full collection once a burst has passed, so its garbage in gen2 does not stay resident (CollectAfterBurst).
        // Not in embedded mode, where every store lives in the heap: with 100,000 sessions that collection paused the
        // whole process 1.5 s on a quiet machine and 2.7-5.5 s on a loaded one, failing requests that met it, and the
        // embedded heap stays within its memory goal without it (docs/benchmarks.md, Memory). Configuration still wins.
        silo.Services.Configure<CollectAfterBurstOptions>(options => options.Enabled = settings.IsDurable);
        silo.Services.AddValidatedOptions<CollectAfterBurstOptions>(CollectAfterBurstOptions.Section);
        silo.Services.AddHostedService<CollectAfterBurst>();

        AddGrainStorage(silo, settings.PostgresConnectionString);
        AddReminders(silo, settings.PostgresConnectionString);

        // The pod's name and address, and a watch on the cluster's pods: a deleted pod's silo is declared dead at once
        // instead of after the missed probes.
        if (settings.KubernetesHosting) silo.UseKubernetesHosting();
#pragma warning disable ORLEANSEXP002 // Experimental: off unless Orleans:ActivationRebalancing asks for it.
        if (settings.Silo.ActivationRebalancing) silo.AddActivationRebalancer();
#pragma warning restore ORLEANSEXP002
        // Served on the operations listener only (OperationsEndpoints). Its live log view stays off: logs are for the
        // log pipeline, not for whoever reaches a port.
        if (settings.ServesDashboard) silo.AddDashboard(options => options.HideTrace = true);
    }

    /// <summary>
    /// Orleans reminders on PostgreSQL (the <c>reminders</c> table; its statements are in the migrations' OrleansQuery
    /// rows), so a reminder outlives the silo that registered it; in memory when there is no database. Its connections come
    /// from the app's <see cref="NpgsqlDataSource"/>, as the grain storage's do.
    /// </summary>
    public static void AddReminders(ISiloBuilder silo, string? postgres)
    {
        if (postgres is null)
        {
            silo.UseInMemoryReminderService();
            return;
        }
        DbProviderFactories.RegisterFactory(NpgsqlInvariant, NpgsqlFactory.Instance);
        silo.UseAdoNetReminderService(options => options.Configure<NpgsqlDataSource>((reminders, dataSource) =>
        {
            reminders.Invariant = NpgsqlInvariant;
            reminders.DataSource = dataSource;
        }));
    }

    /// <summary>
    /// Orleans' ADO.NET grain storage on PostgreSQL (its statements are in the migrations' OrleansQuery rows),
    /// or memory when there is no database. The test clusters use this too.
    /// Its connections come from the app's <see cref="NpgsqlDataSource"/> (<c>AddPersistence</c>, registered for the same
    /// connection string, with auto-prepare) rather than from a pool Npgsql would build from the string: one pool, so one
    /// first connect and one loading of PostgreSQL's types at start instead of two, and one <c>Maximum Pool Size</c>.
    /// </summary>
    public static void AddGrainStorage(ISiloBuilder silo, string? postgres)
    {
        if (postgres is null)
        {
            silo.AddMemoryGrainStorage(StorageName);
            return;
        }
        DbProviderFactories.RegisterFactory(NpgsqlInvariant, NpgsqlFactory.Instance);
        silo.Services.AddAdoNetGrainStorage(StorageName, options => options.Configure<NpgsqlDataSource>((storage, dataSource) =>
        {
            storage.Invariant = NpgsqlInvariant;
            storage.DataSource = dataSource;
        }));
        // Looked up by the storage's name before the silo's default (JSON) serializer; see GrainStateSerializer.
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer>(StorageName, (services, _) => new GrainStateSerializer(
            services.GetRequiredService<Serializer>(), services.GetRequiredService<IGrainStorageSerializer>()));
    }
}
