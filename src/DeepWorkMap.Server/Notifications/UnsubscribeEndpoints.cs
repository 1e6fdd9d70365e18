using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DeepWorkMap.Server.Notifications;

/// <summary>
/// docs/api.md's one-click unsubscribe: the signed token from a notification mail stops mail of its kind for its owner,
/// without signing in. Mail programs post <c>List-Unsubscribe=One-Click</c> here (RFC 8058), as a urlencoded or a
/// multipart form; the page posts with no body. The body is never read, so it declares no content type it accepts:
/// routing would answer any other type 415.
/// </summary>
public static class UnsubscribeEndpoints
{
    public static void MapUnsubscribe(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/notifications/unsubscribe", Unsubscribe).WithTags("Notifications").AllowAnonymous()
            .WithSummary("Stop mail of one kind, from the link in a notification mail")
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Results<Ok<UnsubscribedDto>, ProblemHttpResult>> Unsubscribe(
        [QueryParameter("The token of a notification mail's unsubscribe link.", Required = true)] string? token, NotificationPreferences preferences) =>
        (await preferences.UnsubscribeAsync(token)).OrOk();
}
