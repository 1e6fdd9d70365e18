using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Notifications;

/// <summary>The "Follows and saved sessions" part of docs/api.md.</summary>
public static class FollowEndpoints
{
    public static void MapFollows(this IEndpointRouteBuilder routes)
    {
        var follow = routes.MapGroup("/api/users/{id:guid}/follow").WithTags("Notifications").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        follow.MapPost("", async (Guid id, Caller me, Follows follows) => (await follows.SetAsync(me, id, following: true)).OrNoContent())
            .WithSummary("Follow a user: hear when they host near your home area").RequireVerifiedEmailAddress();
        follow.MapDelete("", async (Guid id, Caller me, Follows follows) => (await follows.SetAsync(me, id, following: false)).OrNoContent())
            .WithSummary("Stop following a user");
        routes.MapGet("/api/me/following", async (Caller me, Follows follows) => TypedResults.Ok(await follows.FollowingAsync(me)))
            .WithTags("Notifications").WithSummary("Whom you follow, in the order followed")
            .RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);

        var save = routes.MapGroup("/api/sessions/{id:guid}/save").WithTags("Notifications").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        save.MapPost("", async (Guid id, Caller me, SavedSessions saved) => (await saved.SetAsync(me, id, saved: true)).OrNoContent())
            .WithSummary("Save a session for later").ProducesProblem(StatusCodes.Status404NotFound);
        // Forgetting asks nothing of the session, so one that has since become private, or gone, can still be forgotten.
        save.MapDelete("", async (Guid id, Caller me, SavedSessions saved) => (await saved.SetAsync(me, id, saved: false)).OrNoContent())
            .WithSummary("Forget a saved session");
        routes.MapGet("/api/me/saved", async (Caller me, SavedSessions saved, CancellationToken cancellationToken) => TypedResults.Ok(await saved.ListAsync(me, cancellationToken)))
            .WithTags("Notifications").WithSummary("Your saved sessions, in the order saved")
            .RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);
    }
}
