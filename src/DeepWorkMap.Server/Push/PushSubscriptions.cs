using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Push;

/// <summary>
/// The browsers a user asked to be pushed to: a subscription must be valid (<see cref="PushSubscriptionRules"/>), point
/// outside private networks (<see cref="PushEndpointGuard"/>), and fit under <see cref="PushOptions.MaxSubscriptionsPerUser"/>.
/// </summary>
public sealed class PushSubscriptions(
    PushKeyring keyring, IOptions<PushOptions> options, PushEndpointGuard guard, IPushSubscriptionStore store, Clock clock)
{
    /// <summary>Null once the caller's browser is subscribed (again, if it was).</summary>
    public async Task<Refusal?> SubscribeAsync(Caller me, PushSubscriptionRequest? request, CancellationToken cancellationToken)
    {
        if (keyring.Keys is null) return Refusal.PushOff;
        var errors = new Dictionary<string, string[]>();
        if (PushSubscriptionRules.Validate(request, options.Value.TestOrigin, errors) is not { } subscription) return Refusal.Validation(errors);
        if (await guard.ResolvesInsideAsync(new Uri(subscription.Endpoint), cancellationToken))
            return Refusal.Validation("endpoint", "Endpoint's host resolves to an address inside a private network, not a push service's.");
        var max = options.Value.MaxSubscriptionsPerUser;
        if (await store.AddAsync(me.Id, subscription, max, clock.GetUtcNow(), cancellationToken) == PushSubscribeOutcome.LimitReached)
            return Refusal.LimitReached($"You receive pushes on {max} browsers, the most one account may; turn them off on one first.");
        return null;
    }

    /// <summary>Idempotent: an endpoint the caller does not hold (removed already, or never theirs) answers the same.</summary>
    public async Task<Refusal?> UnsubscribeAsync(Caller me, PushUnsubscribeRequest? request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request?.Endpoint) || request.Endpoint.Length > PushSubscriptionRules.MaxEndpointLength)
            return Refusal.Validation("endpoint", "Endpoint must be the URL the browser subscribed with.");
        await store.RemoveAsync(me.Id, request.Endpoint, cancellationToken);
        return null;
    }
}
