namespace DeepWorkMap.Grains.Chat;

/// <summary>
/// One grain activation's run of appended messages. A session's messages are written in seq order while
/// several are in flight at once, so if one cannot be stored, a later one must not be either: the table
/// would have a gap. The first failure breaks the chain, and the log refuses every later seq of it. The
/// next activation starts a new chain from the last seq that was stored.
/// </summary>
public sealed class SeqChain
{
    private long _brokenAt = long.MaxValue;

    public bool IsBroken => Volatile.Read(ref _brokenAt) != long.MaxValue;

    /// <summary>Whether a message with this seq may still be written: nothing at or before it has failed.</summary>
    public bool Allows(long seq) => seq < Volatile.Read(ref _brokenAt);

    /// <summary>Records that <paramref name="seq"/> was not stored.</summary>
    public void Break(long seq)
    {
        long current;
        while (seq < (current = Volatile.Read(ref _brokenAt)) && Interlocked.CompareExchange(ref _brokenAt, seq, current) != current) { }
    }
}
