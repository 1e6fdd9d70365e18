using System.Collections.Concurrent;
using DeepWorkMap.Server.Hosting;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Realtime;

/// <summary>How many hub connections each user holds on this front door, against <c>Limits:HubConnectionsPerUser</c>.</summary>
public sealed class HubConnectionQuota(IOptions<Limits> limits)
{
    private readonly ConcurrentDictionary<Guid, int> _held = new();

    /// <summary>Counts one more connection for the user, unless they already hold as many as they may.</summary>
    public bool TryOpen(Guid userId)
    {
        var cap = limits.Value.HubConnectionsPerUser;
        while (true)
        {
            var held = _held.GetOrAdd(userId, 0);
            if (cap > 0 && held >= cap) return false;
            if (_held.TryUpdate(userId, held + 1, held)) return true;
        }
    }

    public void Close(Guid userId)
    {
        while (_held.TryGetValue(userId, out var held))
        {
            if (held <= 1 ? _held.TryRemove(new KeyValuePair<Guid, int>(userId, held)) : _held.TryUpdate(userId, held - 1, held)) return;
        }
    }
}
