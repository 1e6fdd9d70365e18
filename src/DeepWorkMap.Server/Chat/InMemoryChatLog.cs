using System.Collections.Concurrent;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Grains.Chat;

namespace DeepWorkMap.Server.Chat;

/// <summary>Embedded mode's chat history: per session, in seq order, gone when the process stops.</summary>
public sealed class InMemoryChatLog : IChatLog
{
    private readonly ConcurrentDictionary<Guid, List<ChatMessage>> _bySession = new();

    public Task AppendAsync(ChatMessage message, SeqChain chain, CancellationToken cancellationToken = default)
    {
        var messages = _bySession.GetOrAdd(message.SessionId, _ => []);
        lock (messages)
        {
            if (!chain.Allows(message.Seq))
                throw new InvalidOperationException($"An earlier message of session {message.SessionId} was not stored.");
            if (messages.Count > 0 && messages[^1].Seq >= message.Seq)
            {
                chain.Break(message.Seq);
                throw new InvalidOperationException($"Seq {message.Seq} of session {message.SessionId} is taken.");
            }
            messages.Add(message);
        }
        return Task.CompletedTask;
    }

    public Task<Guid?> HideAsync(Guid messageId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        foreach (var messages in _bySession.Values)
        {
            lock (messages)
            {
                var index = messages.FindIndex(m => m.Id == messageId);
                if (index < 0) continue;
                messages[index] = messages[index].AsHidden();
                return Task.FromResult<Guid?>(messages[index].SessionId);
            }
        }
        return Task.FromResult<Guid?>(null);
    }

    public Task<ChatMessage?> FindAsync(Guid sessionId, long seq, CancellationToken cancellationToken = default)
    {
        if (!_bySession.TryGetValue(sessionId, out var messages)) return Task.FromResult<ChatMessage?>(null);
        lock (messages) return Task.FromResult(messages.Find(m => m.Seq == seq));
    }

    public Task ChangeAsync(ChatMessage changed, CancellationToken cancellationToken = default)
    {
        var messages = _bySession.GetValueOrDefault(changed.SessionId) ?? [];
        lock (messages)
        {
            var index = messages.FindIndex(m => m.Id == changed.Id && !m.Deleted && !m.Hidden);
            if (index < 0) throw new InvalidOperationException($"Message {changed.Id} is not stored as it stands.");
            messages[index] = changed;
        }
        return Task.CompletedTask;
    }

    public Task<Guid?> SessionOfAsync(Guid messageId, CancellationToken cancellationToken = default)
    {
        foreach (var messages in _bySession.Values)
            lock (messages)
                if (messages.Find(m => m.Id == messageId) is { } message) return Task.FromResult<Guid?>(message.SessionId);
        return Task.FromResult<Guid?>(null);
    }

    public Task<IReadOnlyList<ChatMessage>> ByAuthorAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var mine = new List<ChatMessage>();
        foreach (var messages in _bySession.Values)
            lock (messages) mine.AddRange(messages.Where(m => m.UserId == userId));
        return Task.FromResult<IReadOnlyList<ChatMessage>>(mine.OrderBy(m => m.CreatedAt).ThenBy(m => m.Seq).ToList());
    }

    public Task<IReadOnlyList<ChatMessage>> LatestAsync(Guid sessionId, long? before, int limit, CancellationToken cancellationToken = default)
    {
        if (!_bySession.TryGetValue(sessionId, out var messages)) return Task.FromResult<IReadOnlyList<ChatMessage>>([]);
        lock (messages)
        {
            var below = before ?? long.MaxValue;
            IReadOnlyList<ChatMessage> page = messages.Where(m => m.Seq < below).OrderByDescending(m => m.Seq).Take(limit).ToList();
            return Task.FromResult(page);
        }
    }
}
