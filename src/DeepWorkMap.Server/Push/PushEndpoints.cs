using DeepWorkMap.Server.Identity;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

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
        PushSubscriptionRequest? request, Caller me, PushSubscriptions subscriptions, CancellationToken cancellationToken) =>
        (await subscriptions.SubscribeAsync(me, request, cancellationToken)).OrNoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> Unsubscribe(
        [FromBody] PushUnsubscribeRequest? request, Caller me, PushSubscriptions subscriptions, CancellationToken cancellationToken) =>
        (await subscriptions.UnsubscribeAsync(me, request, cancellationToken)).OrNoContent();
}
