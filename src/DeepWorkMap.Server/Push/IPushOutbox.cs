using DeepWorkMap.Contracts.Users;

namespace DeepWorkMap.Server.Push;

/// <summary>A stored notification nobody has pushed yet, with what deciding and writing its push takes.</summary>
public sealed record PushableNotification(Notification Notification, bool MayReceive, IReadOnlyList<string> MutedKinds, string TimeZone);

/// <summary>One push of one notification to one subscription, claimed for sending.</summary>
public sealed record PushDelivery(long Id, long SubscriptionId, PushEndpoint To, string Payload, int Attempts);

/// <summary>
/// The pushes waiting to be sent. A notification is taken once: its deliveries (one per subscription of its owner) are
/// written in the same transaction that marks it pushed, so a crash leaves both undone (taken again) or both done.
/// A delivery is leased while a front door sends it, so two never send the same one.
/// </summary>
public interface IPushOutbox
{
    /// <summary>
    /// Takes up to <paramref name="max"/> unpushed notifications, oldest first, and writes a delivery of the payload
    /// <paramref name="compose"/> gives (null: none) to every subscription of its owner; how many it took.
    /// </summary>
    Task<int> EnqueueAsync(int max, Func<PushableNotification, string?> compose, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> due deliveries nobody holds, leased to the caller until now + <paramref name="lease"/>.</summary>
    Task<IReadOnlyList<PushDelivery>> ClaimAsync(int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The push service took it, or refused it for good, or it failed too often: it is done.</summary>
    Task DoneAsync(long deliveryId, CancellationToken cancellationToken = default);

    /// <summary>It failed for now: attempt no. <paramref name="attempts"/> + 1 is due at <paramref name="at"/>.</summary>
    Task RetryAsync(long deliveryId, int attempts, DateTimeOffset at, CancellationToken cancellationToken = default);
}
