using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Realtime;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeepWorkMap.UnitTests.Realtime;

/// <summary>
/// A send to listed connections (a map change to the live maps holding it) writes one serialized message to each listed
/// connection of this server, once, and to no other: what the default lifetime manager's walk of every connection did.
/// </summary>
public sealed class IndexedHubLifetimeManagerTests
{
    private readonly IndexedHubLifetimeManager _manager = new(NullLogger<DefaultHubLifetimeManager<DeepWorkHub>>.Instance);

    [Fact]
    public async Task Each_listed_connection_gets_the_one_serialized_message_once_and_no_other_connection_gets_it()
    {
        var (a, b, c) = (await ConnectAsync("a"), await ConnectAsync("b"), await ConnectAsync("c"));

        await _manager.SendConnectionsAsync(["a", "c", "a", "not-here"], "sessionChanged", ["payload"]);

        Assert.Single(a.Written);
        Assert.Single(c.Written);
        Assert.Empty(b.Written);
        // The same instance: SignalR serializes it once per protocol and writes those bytes to each.
        Assert.Same(a.Written[0], c.Written[0]);
        var invocation = Assert.IsType<Microsoft.AspNetCore.SignalR.Protocol.InvocationMessage>(a.Written[0].Message);
        Assert.Equal("sessionChanged", invocation.Target);
        Assert.Equal(["payload"], invocation.Arguments);
    }

    [Fact]
    public async Task A_connection_gone_gets_nothing_more_and_one_back_again_is_written_to_as_it_is_now()
    {
        var (a, b) = (await ConnectAsync("a"), await ConnectAsync("b"));
        await _manager.OnDisconnectedAsync(a);

        await _manager.SendConnectionsAsync(["a", "b"], "sessionRemoved", [1]);
        var again = await ConnectAsync("a");
        await _manager.SendConnectionsAsync(["a"], "sessionRemoved", [2]);

        Assert.Empty(a.Written);
        Assert.Single(again.Written);
        Assert.Single(b.Written);
    }

    [Fact]
    public async Task A_slow_connection_holds_the_send_until_its_write_completes()
    {
        var (fast, slow) = (await ConnectAsync("fast"), await ConnectAsync("slow"));
        var gate = new TaskCompletionSource();
        slow.Pending = gate.Task;

        var send = _manager.SendConnectionsAsync(["fast", "slow"], "sessionChanged", ["x"]);

        Assert.Single(fast.Written);
        Assert.False(send.IsCompleted);
        gate.SetResult();
        await send;
    }

    [Fact]
    public void The_hub_is_served_by_it()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddRealtime(DeploymentSettings.From(new ConfigurationBuilder().Build()));
        using var provider = services.BuildServiceProvider();

        Assert.IsType<IndexedHubLifetimeManager>(provider.GetRequiredService<HubLifetimeManager<DeepWorkHub>>());
    }

    private async Task<RecordingConnection> ConnectAsync(string id)
    {
        var connection = new RecordingConnection(id);
        await _manager.OnConnectedAsync(connection);
        return connection;
    }

    /// <summary>A hub connection that keeps what is written to it; its write waits for <see cref="Pending"/>, when set.</summary>
    private sealed class RecordingConnection(string id)
        : HubConnectionContext(new DefaultConnectionContext(id), new HubConnectionContextOptions(), NullLoggerFactory.Instance)
    {
        public List<SerializedHubMessage> Written { get; } = [];

        public Task? Pending { get; set; }

        public override ValueTask WriteAsync(SerializedHubMessage message, CancellationToken cancellationToken = default)
        {
            Written.Add(message);
            return Pending is { } pending ? new ValueTask(pending) : default;
        }
    }
}
