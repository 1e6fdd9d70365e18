namespace DeepWorkMap.Server.Push;

/// <summary>Embedded mode's subscriptions, gone when the process ends.</summary>
public sealed class InMemoryPushSubscriptionStore : IPushSubscriptionStore
{
    private readonly Lock _gate = new();
    private readonly List<(long Id, Guid UserId, PushEndpoint Subscription)> _rows = [];
    private long _lastId;

    public Task<PushSubscribeOutcome> AddAsync(Guid userId, PushEndpoint subscription, int maxPerUser, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var index = _rows.FindIndex(r => r.Subscription.Endpoint == subscription.Endpoint);
            if (index >= 0 && _rows[index].UserId == userId)
            {
                _rows[index] = (_rows[index].Id, userId, subscription);
                return Task.FromResult(PushSubscribeOutcome.Renewed);
            }
            if (_rows.Count(r => r.UserId == userId) >= maxPerUser) return Task.FromResult(PushSubscribeOutcome.LimitReached);
            if (index >= 0) _rows.RemoveAt(index);
            _rows.Add((++_lastId, userId, subscription));
            return Task.FromResult(PushSubscribeOutcome.Added);
        }
    }

    public Task<bool> RemoveAsync(Guid userId, string endpoint, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_rows.RemoveAll(r => r.UserId == userId && r.Subscription.Endpoint == endpoint) > 0);
    }

    public Task RemoveAllAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        lock (_gate) _rows.RemoveAll(r => r.UserId == userId);
        return Task.CompletedTask;
    }

    public Task RemoveGoneAsync(long subscriptionId, CancellationToken cancellationToken = default)
    {
        lock (_gate) _rows.RemoveAll(r => r.Id == subscriptionId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> EndpointsAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<string>>(_rows.Where(r => r.UserId == userId).Select(r => r.Subscription.Endpoint).ToList());
    }

    /// <summary>The account's subscriptions with their ids, for the in-memory outbox.</summary>
    public IReadOnlyList<(long Id, PushEndpoint Subscription)> Of(Guid userId)
    {
        lock (_gate) return _rows.Where(r => r.UserId == userId).Select(r => (r.Id, r.Subscription)).ToList();
    }

    /// <summary>The subscription, while it exists.</summary>
    public PushEndpoint? Find(long subscriptionId)
    {
        lock (_gate) return _rows.FirstOrDefault(r => r.Id == subscriptionId).Subscription;
    }
}
