using System.Threading.Channels;
using DeepWorkMap.Grains.Chat;

namespace DeepWorkMap.Server.Chat;

/// <summary>
/// The messages waiting for the chat log's writers, handed out in batches so several batches can be in flight at
/// once (PostgreSQL then flushes their commits together) while each session's messages still go in seq order: a
/// chain with a batch in flight sends nothing more until that batch is done, its later messages held back in order.
/// So one chain's messages are stored, and acknowledged, in the order they were given their seqs, and a failure
/// breaks the chain before anything after it is written.
/// </summary>
internal sealed class ChatWriteQueue
{
    private readonly Channel<PendingWrite> _incoming = Channel.CreateUnbounded<PendingWrite>();
    private readonly Lock _gate = new();

    /// <summary>Writes whose chain had a batch in flight when they came, oldest first.</summary>
    private readonly List<PendingWrite> _held = [];

    /// <summary>The chains with a batch in flight (by reference: one chain per grain activation).</summary>
    private readonly HashSet<SeqChain> _inFlight = new(ReferenceEqualityComparer.Instance);

    public bool TryAdd(PendingWrite write) => _incoming.Writer.TryWrite(write);

    public void Complete() => _incoming.Writer.TryComplete();

    /// <summary>
    /// The next batch (at most <paramref name="max"/> writes, oldest first), its chains marked in flight until
    /// <see cref="Release"/>; empty once the queue is completed and drained. Waits while there is nothing to take.
    /// </summary>
    public async ValueTask<List<PendingWrite>> TakeAsync(int max)
    {
        while (true)
        {
            var batch = TakeReady(max);
            if (batch.Count > 0) return batch;
            // Whatever is held waits for a batch in flight, whose writer takes it on release.
            if (!await _incoming.Reader.WaitToReadAsync()) return batch;
        }
    }

    /// <summary>The batch's chains may send again; their held writes go with the releasing writer's next batch.</summary>
    public void Release(List<PendingWrite> batch)
    {
        lock (_gate)
        {
            foreach (var write in batch) _inFlight.Remove(write.Chain);
        }
    }

    private List<PendingWrite> TakeReady(int max)
    {
        var batch = new List<PendingWrite>();
        var mine = new HashSet<SeqChain>(ReferenceEqualityComparer.Instance);
        lock (_gate)
        {
            var stillHeld = 0;
            for (var i = 0; i < _held.Count; i++)
            {
                var write = _held[i];
                if (batch.Count < max && Joins(write, mine)) batch.Add(write);
                else _held[stillHeld++] = write;
            }
            _held.RemoveRange(stillHeld, _held.Count - stillHeld);
            while (batch.Count < max && _incoming.Reader.TryRead(out var write))
            {
                if (Joins(write, mine)) batch.Add(write);
                else _held.Add(write);
            }
            _inFlight.UnionWith(mine);
        }
        return batch;
    }

    /// <summary>
    /// Whether the write may go in the batch being made: its chain has no batch in flight. (Nothing earlier of its chain
    /// can stay behind: a write is held only while its chain is in flight, and taking stops when the batch is full.)
    /// </summary>
    private bool Joins(PendingWrite write, HashSet<SeqChain> mine) =>
        mine.Contains(write.Chain) || (!_inFlight.Contains(write.Chain) && mine.Add(write.Chain));
}
