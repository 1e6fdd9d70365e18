using DeepWorkMap.Grains.Accounts;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.Server.Notifications;

namespace DeepWorkMap.Server.Push;

/// <summary>Embedded mode's pushes: the in-memory inbox's notifications not yet taken, and their deliveries, gone when the process ends.</summary>
public sealed class InMemoryPushOutbox(
    InMemoryNotificationStore inbox, InMemoryPushSubscriptionStore subscriptions, IAccountStanding standing, IPreferencesStore preferences) : IPushOutbox
{
    private sealed record Waiting(long Id, long SubscriptionId, string Payload, int Attempts, DateTimeOffset DueAt, DateTimeOffset? LeasedUntil);

    private readonly Lock _gate = new();
    private readonly List<Waiting> _deliveries = [];
    private long _lastId;

    public async Task<int> EnqueueAsync(int max, Func<PushableNotification, string?> compose, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var taken = inbox.TakeUnpushed(max);
        foreach (var notification in taken)
        {
            var (chosen, _) = await preferences.LoadAsync(notification.UserId, cancellationToken);
            var mayReceive = await standing.IsOpenAsync(notification.UserId, cancellationToken);
            if (compose(new PushableNotification(notification, mayReceive, chosen.MutedKinds, chosen.TimeZone)) is not { } payload) continue;
            lock (_gate)
                foreach (var (id, _) in subscriptions.Of(notification.UserId))
                    _deliveries.Add(new Waiting(++_lastId, id, payload, 0, now, null));
        }
        return taken.Count;
    }

    public Task<IReadOnlyList<PushDelivery>> ClaimAsync(int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            // Pushes to a subscription removed since go with it.
            _deliveries.RemoveAll(d => subscriptions.Find(d.SubscriptionId) is null);
            var claimed = new List<PushDelivery>();
            for (var i = 0; i < _deliveries.Count && claimed.Count < max; i++)
            {
                var d = _deliveries[i];
                if (d.DueAt > now || d.LeasedUntil >= now || subscriptions.Find(d.SubscriptionId) is not { } to) continue;
                _deliveries[i] = d with { LeasedUntil = now + lease };
                claimed.Add(new PushDelivery(d.Id, d.SubscriptionId, to, d.Payload, d.Attempts));
            }
            return Task.FromResult<IReadOnlyList<PushDelivery>>(claimed);
        }
    }

    public Task DoneAsync(long deliveryId, CancellationToken cancellationToken = default)
    {
        lock (_gate) _deliveries.RemoveAll(d => d.Id == deliveryId);
        return Task.CompletedTask;
    }

    public Task RetryAsync(long deliveryId, int attempts, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var index = _deliveries.FindIndex(d => d.Id == deliveryId);
            if (index >= 0) _deliveries[index] = _deliveries[index] with { Attempts = attempts, DueAt = at, LeasedUntil = null };
        }
        return Task.CompletedTask;
    }
}
