using System.Net;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Orleans.Runtime;

namespace DeepWorkMap.IntegrationTests.Hosting;

/// <summary>Two front doors with co-hosted silos that find each other through Redis and share one grain space.</summary>
public sealed class RedisMembershipTests
{
    [Fact]
    public async Task Two_silos_on_redis_membership_find_each_other_and_route_calls()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clusterId = "redis-" + Guid.NewGuid().ToString("N")[..8];
        await using var a = await RunningServer.StartAsync(RunningServer.OnRedis(database, clusterId));
        await using var b = await RunningServer.StartAsync(RunningServer.OnRedis(database, clusterId));
        var grainsA = a.Services.GetRequiredService<IGrainFactory>();
        var grainsB = b.Services.GetRequiredService<IGrainFactory>();
        await RunningServer.WaitForOneClusterAsync(a, b);

        // Grains placed from A land on both silos, and B reaches the very same activations.
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();
        var silos = new HashSet<string>();
        foreach (var id in ids)
        {
            await grainsA.GetGrain<IProbeGrain>(id).Add(5);
            silos.Add(await grainsA.GetGrain<IProbeGrain>(id).Silo());
        }
        Assert.Equal(2, silos.Count);
        foreach (var id in ids)
        {
            Assert.Equal(10, await grainsB.GetGrain<IProbeGrain>(id).Add(5));
        }

        foreach (var server in new[] { a, b })
        {
            using var client = server.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        }
    }

    /// <summary>
    /// The membership table shares the process's one Redis connection, which is made without aborting on a failed first
    /// connect (so a blip later does not take the login limits down): with Redis gone at start, the silo must still fail
    /// its start, not hang waiting for it.
    /// </summary>
    [Fact]
    public async Task A_silo_whose_redis_is_down_fails_its_start_rather_than_hanging()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = RunningServer.OnRedis(database, "redis-down-" + Guid.NewGuid().ToString("N")[..8]);
        using (var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            closed.Start();
            settings["ConnectionStrings:Redis"] = $"127.0.0.1:{((IPEndPoint)closed.LocalEndpoint).Port},connectTimeout=1000";
        } // the port is free again and nothing listens on it

        var started = RunningServer.StartAsync(settings);
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await (await started.WaitAsync(TimeSpan.FromMinutes(3))).DisposeAsync());
        Assert.True(started.IsFaulted, "the start did not fail within three minutes");
        Assert.Contains("RedisConnectionException", error.ToString()); // for want of Redis, not something else
    }
}
