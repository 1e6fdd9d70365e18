using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Persistence;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace DeepWorkMap.IntegrationTests.Hosting;

/// <summary>Orleans' ADO.NET grain storage, driven by our sql/ scripts, on the real PostgreSQL, in a 2-silo TestCluster.</summary>
public sealed class GrainStorageTests
{
    [Fact]
    public async Task State_round_trips_through_deactivation_and_a_full_cluster_restart()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ids = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray();

        await using (var cluster = await TestClusters.StartAsync(2, database))
        {
            Assert.Equal(2, cluster.Silos.Count);
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                var probe = cluster.GrainFactory.GetGrain<IProbeGrain>(id);
                await probe.Add(i);
                await probe.Add(1000);
                await probe.Deactivate();
            }
            await Task.Delay(200);
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
                Assert.Equal(i + 1000, await cluster.GrainFactory.GetGrain<IProbeGrain>(id).Get());
            await cluster.StopAllSilosAsync();
        }

        Assert.Equal(20L, await database.ScalarAsync<long>("SELECT count(*) FROM orleans_grain_state WHERE grain_type LIKE '%probe%' AND version = 2"));

        await using var restarted = await TestClusters.StartAsync(2, database);
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var probe = restarted.GrainFactory.GetGrain<IProbeGrain>(id);
            Assert.Equal(i + 1000, await probe.Get());
            Assert.Equal(i + 1001, await probe.Add(1));
        }
    }

    /// <summary>
    /// The storage's read and write statements run on every join and leave; with auto-prepare PostgreSQL plans them
    /// once per connection instead of on every call. The other tests here run with it on. Its connections come from the
    /// app's data source (one pool, one type loading at start), which prepares them.
    /// </summary>
    [Fact]
    public async Task The_storage_prepares_its_repeated_statements_on_the_apps_pool()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var cluster = await TestClusters.StartAsync(1, database);
        var services = SiloServices(cluster);
        var options = services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(SiloSetup.StorageName);
        Assert.Null(options.ConnectionString);
        Assert.Same(services.GetRequiredService<Npgsql.NpgsqlDataSource>(), options.DataSource);
        Assert.Equal(PostgresDataSource.DefaultMaxAutoPrepare, new Npgsql.NpgsqlConnectionStringBuilder(options.DataSource!.ConnectionString).MaxAutoPrepare);
    }

    [Fact]
    public async Task State_is_written_in_Orleans_binary_form_behind_its_marker()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var cluster = await TestClusters.StartAsync(1, database);
        await cluster.GrainFactory.GetGrain<IProbeGrain>(Guid.NewGuid()).Add(5);

        var payload = await database.ScalarAsync<byte[]>("SELECT payload FROM orleans_grain_state WHERE grain_type LIKE '%probe%'");
        Assert.Equal(GrainStateSerializer.BinaryMarker, payload[0]);
        var binary = SiloServices(cluster).GetRequiredService<Serializer>();
        Assert.Equal(5, binary.Deserialize<ProbeState>(payload.AsMemory(1))!.Total);
    }

    [Fact]
    public async Task State_an_earlier_version_wrote_as_JSON_still_loads_and_its_next_write_is_binary()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = Guid.NewGuid();
        byte[] earlierPayload;
        await using (var cluster = await TestClusters.StartAsync(1, database))
        {
            await cluster.GrainFactory.GetGrain<IProbeGrain>(id).Add(1);
            // What Orleans' default grain storage serializer (Newtonsoft JSON) wrote before GrainStateSerializer.
            var json = SiloServices(cluster).GetRequiredService<IGrainStorageSerializer>();
            Assert.IsType<JsonGrainStorageSerializer>(json);
            earlierPayload = json.Serialize(new ProbeState { Total = 41, History = [41] }).ToArray();
            await cluster.StopAllSilosAsync();
        }
        Assert.Equal((byte)'{', earlierPayload[0]);
        Assert.Equal(1, await database.ScalarAsync<int>("UPDATE orleans_grain_state SET payload = $1 WHERE grain_type LIKE '%probe%' RETURNING version", earlierPayload));

        await using var restarted = await TestClusters.StartAsync(1, database);
        var probe = restarted.GrainFactory.GetGrain<IProbeGrain>(id);
        Assert.Equal(41, await probe.Get());
        Assert.Equal(42, await probe.Add(1));
        Assert.Equal(GrainStateSerializer.BinaryMarker,
            (await database.ScalarAsync<byte[]>("SELECT payload FROM orleans_grain_state WHERE grain_type LIKE '%probe%'"))[0]);
    }

    [Fact]
    public async Task A_stale_version_is_refused_by_the_write_statement()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var cluster = await TestClusters.StartAsync(2, database))
        {
            await cluster.GrainFactory.GetGrain<IProbeGrain>(Guid.NewGuid()).Add(1);
            await cluster.StopAllSilosAsync();
        }
        var writeSql = await database.ScalarAsync<string>("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'");
        var row = await ReadRowAsync(database);

        async Task<object?> WriteWithVersion(int? version)
        {
            await using var command = database.DataSource.CreateCommand(writeSql);
            command.Parameters.AddWithValue("ServiceId", row.ServiceId);
            command.Parameters.AddWithValue("GrainTypeString", row.GrainType);
            command.Parameters.AddWithValue("GrainIdN0", row.N0);
            command.Parameters.AddWithValue("GrainIdN1", row.N1);
            command.Parameters.AddWithValue("GrainIdExtensionString", DBNull.Value);
            command.Parameters.AddWithValue("GrainStateVersion", (object?)version ?? DBNull.Value);
            command.Parameters.AddWithValue("PayloadBinary", new byte[] { 1, 2, 3 });
            return await command.ExecuteScalarAsync();
        }

        Assert.Null(await WriteWithVersion(null));   // the row exists: a first write must not overwrite it
        Assert.Null(await WriteWithVersion(7));      // not the current version
        Assert.Equal(2, await WriteWithVersion(1));  // the current version moves on by one
        Assert.Null(await WriteWithVersion(1));      // and the old one is stale now
    }

    private static IServiceProvider SiloServices(TestCluster cluster) => ((InProcessSiloHandle)cluster.Primary!).SiloHost.Services;

    private static async Task<(string ServiceId, string GrainType, long N0, long N1)> ReadRowAsync(TestDatabase database)
    {
        await using var command = database.DataSource.CreateCommand("SELECT service_id, grain_type, grain_id_n0, grain_id_n1 FROM orleans_grain_state");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));
    }
}
