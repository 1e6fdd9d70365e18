using System.Collections.Concurrent;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// Sends to SignalR connections that must leave in the order they were queued, one at a time. The thread
/// that flushes sends at once unless an earlier send is still under way; that send's completion carries
/// on with the rest. No task waits on an empty queue.
/// </summary>
public sealed class OrderedSends(Action<Exception> failed)
{
    private readonly ConcurrentQueue<Func<Task>> _queue = new();
    private int _sending;

    /// <summary>Queues a send; queue under the caller's lock to keep the order of its state changes. <see cref="Flush"/> sends it.</summary>
    public void Queue(Func<Task> send) => _queue.Enqueue(send);

    /// <summary>Sends what is queued, on this thread until a send has to wait; a send under way elsewhere takes them instead.</summary>
    public void Flush() => _ = FlushAsync();

    /// <summary>Queues a send and flushes: for a caller whose order needs no lock of its own.</summary>
    public void Send(Func<Task> send)
    {
        Queue(send);
        Flush();
    }

    private async Task FlushAsync()
    {
        while (!_queue.IsEmpty && Interlocked.CompareExchange(ref _sending, 1, 0) == 0)
        {
            try
            {
                while (_queue.TryDequeue(out var send))
                {
                    try
                    {
                        await send();
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        failed(e);
                    }
                }
            }
            finally
            {
                Volatile.Write(ref _sending, 0);
            }
        }
    }
}
