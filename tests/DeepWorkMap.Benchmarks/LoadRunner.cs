using System.Diagnostics;

namespace DeepWorkMap.Benchmarks;

/// <summary>What one measured run did: throughput (of the operations that succeeded) and latency percentiles.</summary>
public sealed record LoadResult(int Operations, int Failures, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double PerSecond => (Operations - Failures) / Elapsed.TotalSeconds;
}

/// <summary>Runs operations at a fixed concurrency: that many workers, each taking the next operation when done.</summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(int count, int concurrency, Func<int, Task> operation)
    {
        var latencies = new double[count];
        var failures = 0;
        var next = -1;
        var total = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(i);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        await Task.WhenAll(workers);
        total.Stop();
        Array.Sort(latencies);
        return new LoadResult(count, failures, total.Elapsed, Percentiles.Of(latencies, 0.50, whenEmpty: 0), Percentiles.Of(latencies, 0.99, whenEmpty: 0));
    }
}
