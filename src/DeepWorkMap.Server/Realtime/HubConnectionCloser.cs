using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.SignalR;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// Closes every hub connection cleanly when the process stops (after its drain, see FrontDoorDrain): each client
/// gets SignalR's close message with its reconnect hint (<c>allowReconnect: true</c>), not a torn socket, so a client
/// with automatic reconnect comes back at once, through the load balancer, to another front door.
/// SignalR's own shutdown hook drops connections without the close message. Stopping callbacks run
/// last-registered-first, so this registers on the first connection (after SignalR's) to run before it.
/// </summary>
public sealed class HubConnectionCloser(IHostApplicationLifetime lifetime)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new();
    private int _registered;

    public void Opened(HubCallerContext connection)
    {
        _connections[connection.ConnectionId] = connection;
        if (Interlocked.Exchange(ref _registered, 1) == 0) lifetime.ApplicationStopping.Register(CloseAll);
    }

    public void Closed(HubCallerContext connection) => _connections.TryRemove(connection.ConnectionId, out _);

    private void CloseAll()
    {
        // A close requested through the connection's lifetime feature is SignalR's graceful one: the close message says
        // the client may reconnect. Abort alone says it may not.
        foreach (var connection in _connections.Values)
        {
            if (connection.Features.Get<IConnectionLifetimeNotificationFeature>() is { } lifetimeFeature) lifetimeFeature.RequestClose();
            else connection.Abort();
        }
        var deadline = DateTime.UtcNow + Patience;
        while (!_connections.IsEmpty && DateTime.UtcNow < deadline) Thread.Sleep(20);
    }
}
