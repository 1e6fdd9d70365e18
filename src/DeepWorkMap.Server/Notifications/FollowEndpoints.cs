using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Sessions;
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
        follow.MapPost("", (Guid id, Caller me, IGrainFactory grains, AccountGuard guard) => Follow(id, me, grains, guard, following: true))
            .WithSummary("Follow a user: hear when they host near your home area").RequireVerifiedEmailAddress();
        follow.MapDelete("", (Guid id, Caller me, IGrainFactory grains, AccountGuard guard) => Follow(id, me, grains, guard, following: false))
            .WithSummary("Stop following a user");
        routes.MapGet("/api/me/following", Following).WithTags("Notifications").WithSummary("Whom you follow, in the order followed")
            .RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);

        var save = routes.MapGroup("/api/sessions/{id:guid}/save").WithTags("Notifications").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        save.MapPost("", (Guid id, Caller me, IGrainFactory grains, SessionGrains sessions) => Save(id, me, grains, sessions, saved: true))
            .WithSummary("Save a session for later");
        save.MapDelete("", (Guid id, Caller me, IGrainFactory grains, SessionGrains sessions) => Save(id, me, grains, sessions, saved: false))
            .WithSummary("Forget a saved session");
        routes.MapGet("/api/me/saved", Saved).WithTags("Notifications").WithSummary("Your saved sessions, in the order saved")
            .RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    /// <summary>
    /// Only a user the caller may see can be followed: not one that blocks the caller or that the caller blocks (404, as for
    /// a closed account). A block ends follows once both accounts know of it, so the check is made again after the write:
    /// a block that lands in between is caught by one or the other.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> Follow(Guid otherId, Caller me, IGrainFactory grains, AccountGuard guard, bool following)
    {
        var userId = me.Id;
        if (otherId == userId) return ApiProblem.Validation("id", "You cannot follow yourself.");
        var user = grains.GetGrain<IUserGrain>(userId);
        if (!following)
        {
            await user.SetFollowing(otherId, false);
            return TypedResults.NoContent();
        }
        if (!await guard.ShowsAsync(userId, otherId)) return ApiProblem.NotFound("The user");
        await user.SetFollowing(otherId, true);
        if (await guard.ShowsAsync(userId, otherId)) return TypedResults.NoContent();
        await user.SetFollowing(otherId, false);
        return ApiProblem.NotFound("The user");
    }

    private static async Task<Results<Ok<IReadOnlyList<UserDto>>, ProblemHttpResult>> Following(Caller me, IGrainFactory grains, UserDirectory users)
    {
        var following = await grains.GetGrain<IUserGrain>(me.Id).Following();
        var named = await users.FindManyAsync(following);
        return TypedResults.Ok<IReadOnlyList<UserDto>>(following.Select(id => named[id]).ToList());
    }

    /// <summary>Only a session the caller may see can be saved (a private one needs them to take part).</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> Save(Guid sessionId, Caller me, IGrainFactory grains, SessionGrains sessions, bool saved)
    {
        var userId = me.Id;
        if (saved && await sessions.Get(sessionId).View(userId, null) is null) return ApiProblem.NotFound("The session");
        await grains.GetGrain<IUserGrain>(userId).SetSaved(sessionId, saved);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<SessionDto>>, ProblemHttpResult>> Saved(
        Caller me, IGrainFactory grains, SessionGrains sessions, SessionViews views, CancellationToken cancellationToken)
    {
        var userId = me.Id;
        var saved = await grains.GetGrain<IUserGrain>(userId).Saved();
        var shown = (await Task.WhenAll(saved.Select(id => sessions.Get(id).View(userId, null)))).OfType<SessionSnapshot>();
        var dtos = new List<SessionDto>();
        foreach (var session in shown) dtos.Add(await views.ToDtoAsync(session, Viewer.Member, cancellationToken));
        return TypedResults.Ok<IReadOnlyList<SessionDto>>(dtos);
    }
}
