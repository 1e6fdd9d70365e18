using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary><c>GET /api/users/{id}</c>: another user as signed-in users see them, with their attendance record.</summary>
public static class ProfileEndpoints
{
    public static void MapProfiles(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/users/{id:guid}", Get).WithSummary("A user's public profile").WithTags("Accounts").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<ProfileDto>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, AccountGuard guard, UserDirectory users, IAttendanceStore attendance, IFollowStore follows, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        // A closed or suspended account is not shown, nor one that never existed, nor one that blocks the viewer or that the viewer blocks.
        var viewerId = CurrentUser.IdOf(http.User);
        if (!await guard.ShowsAsync(viewerId, id)) return ApiProblem.NotFound("The user");
        var user = await users.FindAsync(id, cancellationToken);
        var record = await attendance.OfAsync(id, cancellationToken);
        var following = viewerId is { } viewer && (await grains.GetGrain<IUserGrain>(viewer).Following()).Contains(id);
        return TypedResults.Ok(new ProfileDto(user.Id, user.Username, user.DisplayName, user.AvatarUrl, record.Attended, record.NoShows)
        {
            FollowerCount = await follows.FollowerCountAsync(id, cancellationToken),
            Following = following,
        });
    }
}
