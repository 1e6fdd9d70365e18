namespace DeepWorkMap.Benchmarks;

/// <summary>The joins benchmark's live map: some connections watching an area, wherever they run.</summary>
public interface ILiveMapWatchers : IAsyncDisposable
{
    int Count { get; }

    /// <summary>The CPU time of the watchers' own process so far; null when they share the server's.</summary>
    TimeSpan? OwnProcessorTime { get; }

    /// <summary>
    /// Waits until every watcher heard <paramref name="owed"/> events (or gives up after a minute), and answers the
    /// events heard in all and how long after <paramref name="loadEndedAt"/> (a <see cref="System.Diagnostics.Stopwatch"/>
    /// timestamp) the last watcher heard its last one.
    /// </summary>
    Task<(long Heard, double CaughtUpMs)> CatchUpAsync(long owed, long loadEndedAt);
}
