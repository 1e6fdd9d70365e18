using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Realtime;

/// <summary>How many hub connections each user holds on this front door, against <c>Realtime:HubConnectionsPerUser</c>.</summary>
public sealed class HubConnectionQuota(IOptions<RealtimeOptions> limits)
{
    private readonly ConcurrentDictionary<Guid, int> _held = new();

    /// <summary>The connections counted, and whose: only those give their place back when they close.</summary>
    private readonly ConcurrentDictionary<string, Guid> _counted = new();

    /// <summary>Counts the connection for its user, unless they already hold as many as they may.</summary>
    public bool TryOpen(Guid userId, string connectionId)
    {
        var cap = limits.Value.HubConnectionsPerUser;
        while (true)
        {
            var held = _held.GetOrAdd(userId, 0);
            if (cap > 0 && held >= cap) return false;
            if (!_held.TryUpdate(userId, held + 1, held)) continue;
            _counted[connectionId] = userId;
            return true;
        }
    }

    /// <summary>Gives the connection's place back, if it was counted.</summary>
    public void Close(string connectionId)
    {
        if (!_counted.TryRemove(connectionId, out var userId)) return;
        while (_held.TryGetValue(userId, out var held))
        {
            if (held <= 1 ? _held.TryRemove(new KeyValuePair<Guid, int>(userId, held)) : _held.TryUpdate(userId, held - 1, held)) return;
        }
    }
}
