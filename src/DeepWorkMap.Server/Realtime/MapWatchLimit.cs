using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// <c>Realtime:MapWatchesPerConnectionPerMinute</c>: <c>WatchArea</c> and <c>WatchView</c> calls per hub connection. Each
/// call searches and re-registers the live map, so a connection calling it in a loop would cost the cluster dearly.
/// </summary>
public sealed class MapWatchLimit(IOptions<RealtimeOptions> limits) : IDisposable
{
    private readonly KeyedRateLimit<string> _perConnection = new(limits.Value.MapWatchesPerConnectionPerMinute, TimeSpan.FromMinutes(1));

    /// <summary>Counts the call; throws <c>rate_limited: …</c> when the connection made as many as it may this minute.</summary>
    public void Take(string connectionId)
    {
        if (!_perConnection.TryTake(connectionId))
            throw Refusal.RateLimited($"Too many map watches: at most {limits.Value.MapWatchesPerConnectionPerMinute} a minute on one connection; wait a moment.").ToHubException();
    }

    public void Dispose() => _perConnection.Dispose();
}
