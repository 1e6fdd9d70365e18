using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// Closes every hub connection cleanly when the process is asked to stop (SIGTERM): each client gets
/// SignalR's close message, not a torn socket, and can reconnect to another front door.
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
        foreach (var connection in _connections.Values) connection.Abort();
        var deadline = DateTime.UtcNow + Patience;
        while (!_connections.IsEmpty && DateTime.UtcNow < deadline) Thread.Sleep(20);
    }
}
