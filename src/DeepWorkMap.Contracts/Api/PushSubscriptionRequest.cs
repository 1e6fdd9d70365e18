namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's push subscription: the browser's <c>PushSubscription.toJSON()</c> (its <c>expirationTime</c> is ignored).</summary>
public sealed record PushSubscriptionRequest(string? Endpoint, PushSubscriptionKeys? Keys);

/// <summary>The subscription's keys: <c>p256dh</c>, the browser's P-256 public key, and <c>auth</c>, its secret; both base64url.</summary>
public sealed record PushSubscriptionKeys(string? P256dh, string? Auth);

/// <summary>Turns push off on one browser: the endpoint it subscribed with.</summary>
public sealed record PushUnsubscribeRequest(string? Endpoint);
