using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Users;

namespace DeepWorkMap.Server.Notifications;

/// <summary>Embedded mode's inboxes, gone when the process ends; a muted kind is checked against the preferences as stored, as in PostgreSQL.</summary>
public sealed class InMemoryNotificationStore(IPreferencesStore preferences) : INotificationStore
{
    private readonly Lock _gate = new();
    private readonly List<(Notification Notification, string Key)> _rows = [];
    private readonly Queue<Notification> _unmailed = new();
    private readonly Queue<Notification> _unpushed = new();

    public async Task<Notification?> AddUnlessMutedAsync(Guid userId, Notice notice, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await preferences.LoadAsync(userId, cancellationToken)).Preferences.Mutes(notice.Kind) ? null : Add(userId, notice, now);

    /// <summary>Stores the notice unless the inbox holds it already; the caller has checked what it must.</summary>
    private Notification? Add(Guid userId, Notice notice, DateTimeOffset now)
    {
        var key = $"{userId}/{notice.Kind}/{notice.SubjectId}/{notice.Occurrence}";
        lock (_gate)
        {
            if (_rows.Any(r => r.Key == key)) return null;
            var stored = new Notification(Guid.CreateVersion7(now), userId, notice.Kind, notice.Title, notice.Body, notice.SessionId, now, null, notice.StartTime);
            _rows.Add((stored, key));
            _unmailed.Enqueue(stored);
            _unpushed.Enqueue(stored);
            return stored;
        }
    }

    public Task<IReadOnlyList<Notification>> AddManyAsync(IReadOnlyList<Guid> userIds, Notice notice, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var stored = new List<Notification>();
        foreach (var userId in userIds)
            if (Add(userId, notice, now) is { } one) stored.Add(one);
        return Task.FromResult<IReadOnlyList<Notification>>(stored);
    }

    public Task<IReadOnlyList<Notification>> PageAsync(Guid userId, Guid? before, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var mine = Newest(userId);
            var start = before is { } id ? mine.FindIndex(n => n.Id == id) + 1 : 0;
            IReadOnlyList<Notification> page = before is not null && start == 0 ? [] : mine.Skip(start).Take(limit).ToList();
            return Task.FromResult(page);
        }
    }

    public Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_rows.Count(r => r.Notification.UserId == userId && r.Notification.ReadAt is null));
    }

    public Task MarkReadAsync(Guid userId, Guid upTo, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var mine = Newest(userId);
            var index = mine.FindIndex(n => n.Id == upTo);
            if (index < 0) return Task.CompletedTask;
            var read = mine.Skip(index).Where(n => n.ReadAt is null).Select(n => n.Id).ToHashSet();
            for (var i = 0; i < _rows.Count; i++)
                if (read.Contains(_rows[i].Notification.Id)) _rows[i] = (_rows[i].Notification with { ReadAt = now }, _rows[i].Key);
        }
        return Task.CompletedTask;
    }

    public Task<int> RemoveReadBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_rows.RemoveAll(r => r.Notification.ReadAt < cutoff));
    }

    private List<Notification> Newest(Guid userId) =>
        _rows.Select(r => r.Notification).Where(n => n.UserId == userId).OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToList();

    /// <summary>Up to <paramref name="max"/> notifications the mailer has not taken yet, oldest first; each is taken once.</summary>
    public IReadOnlyList<Notification> TakeUnmailed(int max) => Take(_unmailed, max);

    /// <summary>Up to <paramref name="max"/> notifications the pusher has not taken yet, oldest first; each is taken once.</summary>
    public IReadOnlyList<Notification> TakeUnpushed(int max) => Take(_unpushed, max);

    private List<Notification> Take(Queue<Notification> queue, int max)
    {
        lock (_gate)
        {
            var taken = new List<Notification>();
            while (taken.Count < max && queue.TryDequeue(out var next)) taken.Add(next);
            return taken;
        }
    }
}
