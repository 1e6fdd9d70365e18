using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// People with the live map open over an area: SignalR clients that called WatchArea and count the
/// <c>sessionChanged</c> events they hear, and when each heard the last one it was owed. They run in the process that
/// opens them; <see cref="LiveMapWatcherProcess"/> runs them in one of their own.
/// </summary>
public sealed class LiveMapWatchers : ILiveMapWatchers
{
    private readonly HubConnection[] _connections;
    private readonly long[] _heard;
    private readonly long[] _lastHeardAt;

    private LiveMapWatchers(HubConnection[] connections)
    {
        _connections = connections;
        _heard = new long[connections.Length];
        _lastHeardAt = new long[connections.Length];
    }

    public int Count => _connections.Length;

    public TimeSpan? OwnProcessorTime => null;

    /// <summary>One signed-in connection per token, each watching the same circle once it is open.</summary>
    public static async Task<LiveMapWatchers> OpenAsync(Uri hubUrl, IReadOnlyList<string> tokens, double latitude, double longitude, double radiusKm)
    {
        var connections = new HubConnection[tokens.Count];
        var watchers = new LiveMapWatchers(connections);
        for (var i = 0; i < tokens.Count; i++)
        {
            var connection = BenchHubConnection.Build(hubUrl, tokens[i]);
            var me = i;
            connection.On<JsonElement>("sessionChanged", _ =>
            {
                Interlocked.Increment(ref watchers._heard[me]);
                Volatile.Write(ref watchers._lastHeardAt[me], Stopwatch.GetTimestamp());
            });
            await connection.StartAsync();
            await connection.InvokeAsync<JsonElement>("WatchArea", latitude, longitude, radiusKm);
            connections[i] = connection;
        }
        return watchers;
    }

    /// <summary>
    /// Waits until every watcher heard <paramref name="owed"/> events (or gives up after a minute), and answers the
    /// events heard in all and how long after <paramref name="loadEndedAt"/> the last watcher heard its last one.
    /// </summary>
    public async Task<(long Heard, double CaughtUpMs)> CatchUpAsync(long owed, long loadEndedAt)
    {
        var giveUpAt = DateTime.UtcNow.AddMinutes(1);
        while (Enumerable.Range(0, _heard.Length).Any(i => Volatile.Read(ref _heard[i]) < owed) && DateTime.UtcNow < giveUpAt) await Task.Delay(20);
        await Task.Delay(500); // anything past what was owed would be a duplicate
        var last = _lastHeardAt.Max();
        return (_heard.Sum(), Math.Max(0, (last - loadEndedAt) * 1000.0 / Stopwatch.Frequency));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
    }
}
