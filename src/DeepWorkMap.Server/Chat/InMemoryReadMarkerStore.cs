using System.Collections.Concurrent;
using DeepWorkMap.Grains.Chat;

namespace DeepWorkMap.Server.Chat;

/// <summary>Embedded mode's read markers, counted against its in-memory chat log; gone when the process stops.</summary>
public sealed class InMemoryReadMarkerStore(IChatLog log) : IReadMarkerStore
{
    private readonly ConcurrentDictionary<(Guid User, Guid Session), long> _markers = new();

    public Task MarkAsync(Guid userId, Guid sessionId, long seq, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        _markers.AddOrUpdate((userId, sessionId), seq, (_, known) => Math.Max(known, seq));
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyDictionary<Guid, long>> UnreadAsync(
        Guid userId, IReadOnlyList<Guid> sessionIds, IReadOnlyCollection<Guid> hiddenAuthors, CancellationToken cancellationToken = default)
    {
        var unread = new Dictionary<Guid, long>(sessionIds.Count);
        foreach (var sessionId in sessionIds)
        {
            var marker = _markers.GetValueOrDefault((userId, sessionId));
            var messages = await log.LatestAsync(sessionId, null, int.MaxValue, cancellationToken);
            unread[sessionId] = messages.Count(m => m.Seq > marker && m.UserId != userId && !m.Deleted && !m.Hidden && !hiddenAuthors.Contains(m.UserId));
        }
        return unread;
    }
}
