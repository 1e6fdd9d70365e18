using DeepWorkMap.Contracts.Chat;

namespace DeepWorkMap.Grains.Chat;

/// <summary>The last few messages of a session, oldest first, held by its grain to answer the common reads from memory.</summary>
public sealed class RecentMessages(int capacity)
{
    private readonly LinkedList<ChatMessage> _messages = new();

    public long LastSeq => _messages.Last?.Value.Seq ?? 0;

    /// <summary>Replaces the contents with a page read from the log (newest first, as the log answers).</summary>
    public void Load(IReadOnlyList<ChatMessage> newestFirst)
    {
        _messages.Clear();
        foreach (var message in newestFirst.Take(capacity).Reverse()) _messages.AddLast(message);
    }

    public void Add(ChatMessage message)
    {
        _messages.AddLast(message);
        if (_messages.Count > capacity) _messages.RemoveFirst();
    }

    public ChatMessage? Find(Guid messageId) => _messages.FirstOrDefault(m => m.Id == messageId);

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
        var oldestHeld = _messages.First?.Value.Seq ?? 1;
        var complete = page.Count == limit || oldestHeld == 1 || (page.Count == 0 && below <= 1);
        return complete ? page : null;
    }
}
