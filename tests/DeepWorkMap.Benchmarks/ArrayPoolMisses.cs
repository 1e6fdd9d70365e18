using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Runtime.CompilerServices;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// Which arrays the shared array pools hand out new because they ran dry (<c>BufferAllocated</c>, reason
/// <c>PoolExhausted</c>) and which they drop on return because they are full (<c>BufferDropped</c>), by pool and size,
/// from the runtime's <c>System.Buffers.ArrayPoolEventSource</c>. On only with <c>DWM_BENCH_POOL_EVENTS=1</c>: each
/// event is an allocation of its own, so a step measured with it on says nothing about bytes per message.
/// </summary>
public sealed class ArrayPoolMisses : EventListener
{
    private const int BufferAllocated = 2, BufferDropped = 6;
    private const int PoolExhausted = 2;

    private readonly ConcurrentDictionary<(int Pool, int Size, string What), long> _counts = new();

    public static ArrayPoolMisses? StartIfAsked() =>
        Environment.GetEnvironmentVariable("DWM_BENCH_POOL_EVENTS") == "1" ? new ArrayPoolMisses() : null;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "System.Buffers.ArrayPoolEventSource") EnableEvents(source, EventLevel.Informational);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.Payload is not { Count: >= 5 } payload) return;
        var what = e.EventId switch
        {
            BufferAllocated when Convert.ToInt32(payload[4]) == PoolExhausted => "new (pool ran dry)",
            BufferAllocated => null, // over the pool's largest size: never pooled
            BufferDropped => "dropped (pool full)",
            _ => null,
        };
        if (what is null) return;
        _counts.AddOrUpdate((Convert.ToInt32(payload[2]), Convert.ToInt32(payload[1]), what), 1, (_, n) => n + 1);
    }

    /// <summary>What happened since the last call, the largest counts first, and starts counting anew.</summary>
    public string TakeReading(int top = 8)
    {
        var counts = _counts.ToArray();
        _counts.Clear();
        var bytePool = RuntimeHelpers.GetHashCode(ArrayPool<byte>.Shared);
        var charPool = RuntimeHelpers.GetHashCode(ArrayPool<char>.Shared);
        string Pool(int id) => id == bytePool ? "byte" : id == charPool ? "char" : $"pool {id}";
        return "array pool: " + string.Join("; ", counts.OrderByDescending(c => c.Value).Take(top)
            .Select(c => $"{Pool(c.Key.Pool)}[{c.Key.Size}] {c.Key.What} ×{c.Value:N0}"));
    }
}
