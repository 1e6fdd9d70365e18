using DeepWorkMap.Server.Identity;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Push;

/// <summary>The "Web Push" part of docs/api.md: the browsers the caller asked to be pushed to.</summary>
public static class PushEndpoints
{
    public static void MapPush(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/api/me/push-subscriptions").WithTags("Notifications").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status400BadRequest);
        me.MapPost("", Subscribe).WithSummary("Push your notifications to this browser")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        me.MapDelete("", Unsubscribe).WithSummary("Stop pushing to this browser");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Subscribe(
        PushSubscriptionRequest? request, Caller me, PushKeyring keyring, IOptions<PushOptions> options, PushEndpointGuard guard,
        IPushSubscriptionStore subscriptions, Clock clock, CancellationToken cancellationToken)
    {
        if (keyring.Keys is null) return Refusal.PushOff.ToProblem();
        var errors = new Dictionary<string, string[]>();
        if (PushSubscriptionRules.Validate(request, options.Value.TestOrigin, errors) is not { } subscription) return Refusal.Validation(errors).ToProblem();
        if (await guard.ResolvesInsideAsync(new Uri(subscription.Endpoint), cancellationToken))
            return Refusal.Validation("endpoint", "Endpoint's host resolves to an address inside a private network, not a push service's.").ToProblem();
        var max = options.Value.MaxSubscriptionsPerUser;
        if (await subscriptions.AddAsync(me.Id, subscription, max, clock.GetUtcNow(), cancellationToken) == PushSubscribeOutcome.LimitReached)
            return Refusal.LimitReached($"You receive pushes on {max} browsers, the most one account may; turn them off on one first.").ToProblem();
        return TypedResults.NoContent();
    }

    /// <summary>Idempotent: an endpoint the caller does not hold (removed already, or never theirs) answers the same.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> Unsubscribe(
        [FromBody] PushUnsubscribeRequest? request, Caller me, IPushSubscriptionStore subscriptions, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request?.Endpoint) || request.Endpoint.Length > PushSubscriptionRules.MaxEndpointLength)
            return Refusal.Validation("endpoint", "Endpoint must be the URL the browser subscribed with.").ToProblem();
        await subscriptions.RemoveAsync(me.Id, request.Endpoint, cancellationToken);
        return TypedResults.NoContent();
    }
}
