namespace DeepWorkMap.Server.Push;

/// <summary>A browser's push subscription as the browser gives it: its push service's endpoint and the keys that encrypt for it.</summary>
public sealed record PushEndpoint(string Endpoint, string P256dh, string Auth);

/// <summary>What registering a subscription did.</summary>
public enum PushSubscribeOutcome
{
    /// <summary>Stored (an endpoint another account held moves to this one: the browser changed hands).</summary>
    Added,

    /// <summary>This account already held the endpoint; its keys are replaced.</summary>
    Renewed,

    /// <summary>The account holds as many as <c>Push:MaxSubscriptionsPerUser</c>; nothing changed.</summary>
    LimitReached,
}

/// <summary>The browsers each account asked to be pushed to: PostgreSQL in cluster mode, memory in embedded mode.</summary>
public interface IPushSubscriptionStore
{
    Task<PushSubscribeOutcome> AddAsync(Guid userId, PushEndpoint subscription, int maxPerUser, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Removes the account's subscription with this endpoint; whether it had one.</summary>
    Task<bool> RemoveAsync(Guid userId, string endpoint, CancellationToken cancellationToken = default);

    /// <summary>Removes every subscription of the account (it closed), with the pushes waiting for them.</summary>
    Task RemoveAllAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Removes a subscription nothing will reach again (its push service answered 404, 410 or 403, or its host resolves inside), with the pushes waiting for it.</summary>
    Task RemoveGoneAsync(long subscriptionId, CancellationToken cancellationToken = default);

    /// <summary>The account's subscriptions' endpoints, oldest first.</summary>
    Task<IReadOnlyList<string>> EndpointsAsync(Guid userId, CancellationToken cancellationToken = default);
}
