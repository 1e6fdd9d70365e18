using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// SignalR's in-process lifetime manager, with this server's connections also found by id, so a send to listed
/// connections (<c>Clients.Clients(ids)</c>: a map change to the live maps that hold it) serializes the message once and
/// writes it to each listed connection. The default serializes once too, but walks every connection of the server asking
/// the list about each (its connection store's lookup by id is internal); one send per connection instead serializes the
/// message for each. Registered for <see cref="DeepWorkHub"/> alone, a closed type, so it wins over the open-generic
/// default in both topologies. A SignalR backplane (AddStackExchangeRedis) would register its own manager, which this one
/// would then silently replace: there is none, since Orleans carries events between front doors.
/// </summary>
public sealed class IndexedHubLifetimeManager(ILogger<DefaultHubLifetimeManager<DeepWorkHub>> logger)
    : DefaultHubLifetimeManager<DeepWorkHub>(logger)
{
    private readonly ConcurrentDictionary<string, HubConnectionContext> _byId = new(StringComparer.Ordinal);

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await base.OnConnectedAsync(connection);
        _byId[connection.ConnectionId] = connection;
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _byId.TryRemove(connection.ConnectionId, out _);
        return base.OnDisconnectedAsync(connection);
    }

    /// <summary>
    /// Each listed connection of this server gets the message once, even when listed twice, and ids not connected here are
    /// skipped: as with the default's walk. One serialization per protocol in use, whatever the count.
    /// </summary>
    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionIds);
        SerializedHubMessage? message = null;
        List<Task>? pending = null;
        var written = connectionIds.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (var i = 0; i < connectionIds.Count; i++)
        {
            var connectionId = connectionIds[i];
            if (!_byId.TryGetValue(connectionId, out var connection) || written?.Add(connectionId) == false) continue;
            message ??= new SerializedHubMessage(new InvocationMessage(methodName, args));
            var write = connection.WriteAsync(message, cancellationToken);
            if (write.IsCompletedSuccessfully)
                write.GetAwaiter().GetResult(); // lets a pooled ValueTask source be reused, as the default does
            else
                (pending ??= []).Add(write.AsTask());
        }
        return pending is null ? Task.CompletedTask : Task.WhenAll(pending);
    }
}
