using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.SignalR;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// Closes every hub connection cleanly when the process stops (after its drain, see FrontDoorDrain): each client
/// gets SignalR's close message with its reconnect hint (<c>allowReconnect: true</c>), not a torn socket, so a client
/// with automatic reconnect comes back at once, through the load balancer, to another front door.
/// SignalR's own shutdown hook drops connections without the close message. Stopping callbacks run
/// last-registered-first, so this registers on the first connection (after SignalR's) to run before it, and waits
/// until each connection's request has ended: only then has its transport finished the WebSocket close handshake. (A
/// process that exits once the hub has let go, before that, resets sockets whose close message the client has not read
/// yet, and the client sees a torn connection.)
/// A connection the cluster could not set up (see <see cref="CloseToRetry"/>) is closed the same way.
/// </summary>
public sealed partial class HubConnectionCloser(IHostApplicationLifetime lifetime, ILogger<HubConnectionCloser> logger)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new();
    private readonly ConcurrentDictionary<string, Task> _requests = new();
    private int _registered;

    public void Opened(HubCallerContext connection)
    {
        _connections[connection.ConnectionId] = connection;
        if (connection.GetHttpContext() is { } http)
        {
            // The request of a WebSocket (or other long-running) transport ends once its transport has closed.
            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            http.Response.RegisterForDispose(new WhenDisposed(() => ended.TrySetResult()));
            _requests[connection.ConnectionId] = ended.Task;
            _ = ended.Task.ContinueWith(_ => _requests.TryRemove(connection.ConnectionId, out Task? _), TaskScheduler.Default);
        }
        if (Interlocked.Exchange(ref _registered, 1) == 0) lifetime.ApplicationStopping.Register(CloseAll);
    }

    public void Closed(HubCallerContext connection) => _connections.TryRemove(connection.ConnectionId, out _);

    /// <summary>
    /// Closes a connection that could not be set up because the cluster did not answer, with the reconnect hint: the
    /// client tries again at once, as after a restart, instead of having to start over.
    /// </summary>
    public void CloseToRetry(HubCallerContext connection, Exception error)
    {
        LogClosedToRetry(logger, connection.ConnectionId, error);
        CloseWithReconnectHint(connection);
    }

    private void CloseAll()
    {
        foreach (var connection in _connections.Values) CloseWithReconnectHint(connection);
        var deadline = DateTime.UtcNow + Patience;
        while (!_connections.IsEmpty && DateTime.UtcNow < deadline) Thread.Sleep(20);
        var left = deadline - DateTime.UtcNow;
        if (left > TimeSpan.Zero) Task.WhenAll(_requests.Values).Wait(left);
    }

    private static void CloseWithReconnectHint(HubCallerContext connection)
    {
        // A close requested through the connection's lifetime feature is SignalR's graceful one: the close message says
        // the client may reconnect. Abort alone says it may not.
        if (connection.Features.Get<IConnectionLifetimeNotificationFeature>() is { } lifetimeFeature) lifetimeFeature.RequestClose();
        else connection.Abort();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub connection {ConnectionId} closed with the reconnect hint: the cluster did not answer while it was set up")]
    private static partial void LogClosedToRetry(ILogger logger, string connectionId, Exception exception);

    private sealed class WhenDisposed(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
