using DeepWorkMap.Contracts.Chat;

namespace DeepWorkMap.Grains.Chat;

/// <summary>
/// The last few messages of a session, oldest first, held by its grain to answer the common reads from memory.
/// Every send looks up its message id here (a retried send finds the stored message); with at most
/// <c>capacity</c> (50) messages a scan costs less than an index would, and an index cost every session's grain
/// about 1.5 KiB once it held messages.
/// </summary>
public sealed class RecentMessages(int capacity)
{
    // Not sized up front: most sessions hold few messages or none, and a grain is held per session.
    private readonly Queue<ChatMessage> _messages = new();

    public long LastSeq { get; private set; }

    /// <summary>Replaces the contents with a page read from the log (newest first, as the log answers).</summary>
    public void Load(IReadOnlyList<ChatMessage> newestFirst)
    {
        _messages.Clear();
        LastSeq = 0;
        foreach (var message in newestFirst.Take(capacity).Reverse()) Add(message);
    }

    public void Add(ChatMessage message)
    {
        _messages.Enqueue(message);
        LastSeq = message.Seq;
        if (_messages.Count > capacity) _messages.Dequeue();
    }

    /// <summary>
    /// The held message with this id, or null. A loop over the queue's own enumerator: every send asks, and LINQ's
    /// FirstOrDefault made a closure, a delegate and a boxed enumerator each time.
    /// </summary>
    public ChatMessage? Find(Guid messageId)
    {
        foreach (var message in _messages)
            if (message.Id == messageId) return message;
        return null;
    }

    /// <summary>Replaces a held message by its hidden form; false when it is not held.</summary>
    public bool Hide(Guid messageId) => Find(messageId) is { } message && Replace(message.AsHidden());

    /// <summary>The held message with this seq, or null (not held: older than the window, or not acknowledged yet).</summary>
    public ChatMessage? FindSeq(long seq) => _messages.FirstOrDefault(m => m.Seq == seq);

    /// <summary>Puts a changed form of a held message (same id) in its place; false when it is not held.</summary>
    public bool Replace(ChatMessage changed)
    {
        if (Find(changed.Id) is null) return false;
        var held = _messages.ToList();
        _messages.Clear();
        foreach (var each in held) _messages.Enqueue(each.Id == changed.Id ? changed : each);
        return true;
    }

    public IReadOnlyList<ChatMessage> OldestFirst() => [.. _messages];

    public IReadOnlyList<ChatMessage> After(long seq) => _messages.Where(m => m.Seq > seq).ToList();

    /// <summary>
    /// The page below <paramref name="before"/>, newest first, if memory holds all of it: the page must
    /// reach down to seq 1 or stay above the oldest message held. Null when the log must answer.
    /// </summary>
    public IReadOnlyList<ChatMessage>? TryPage(long? before, int limit)
    {
        var below = before ?? long.MaxValue;
        var page = _messages.Reverse().Where(m => m.Seq < below).Take(limit).ToList();
        var oldestHeld = _messages.TryPeek(out var oldest) ? oldest.Seq : 1;
        var complete = page.Count == limit || oldestHeld == 1 || (page.Count == 0 && below <= 1);
        return complete ? page : null;
    }
}
