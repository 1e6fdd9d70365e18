using DeepWorkMap.Contracts.Api;
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

    private static async Task<Results<Ok<ProfileDto>, ProblemHttpResult>> Get(Guid id, Caller me, UserProfiles profiles, CancellationToken cancellationToken) =>
        (await profiles.ShowAsync(me, id, cancellationToken)).OrOk();
}
