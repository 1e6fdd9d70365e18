using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Blocking (docs/api.md): a blocked user cannot join the blocker's sessions; neither can follow, or see the profile or
/// stats of, the other; and in a session they share neither sees the other's messages or presence.
/// </summary>
public static class BlockEndpoints
{
    public static void MapBlocks(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/api/users/{id:guid}/block").WithTags("Accounts").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("", (Guid id, Caller caller, IGrainFactory grains, AccountGuard guard) => Change(id, caller, grains, guard, block: true))
            .WithSummary("Block a user");
        users.MapDelete("", (Guid id, Caller caller, IGrainFactory grains, AccountGuard guard) => Change(id, caller, grains, guard, block: false))
            .WithSummary("Unblock a user");
        routes.MapGet("/api/me/blocks", Blocks).WithSummary("The users the caller blocks").WithTags("Accounts").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Change(Guid otherId, Caller caller, IGrainFactory grains, AccountGuard guard, bool block)
    {
        var userId = caller.Id;
        if (otherId == userId) return ApiProblem.Validation("id", "You cannot block yourself.");
        if (block && !await guard.IsOpenAsync(otherId)) return ApiProblem.NotFound("The user");
        var account = grains.GetGrain<IAccountGrain>(userId);
        await (block ? account.Block(otherId) : account.Unblock(otherId));
        await guard.RefreshAsync(userId, otherId);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<UserDto>>, ProblemHttpResult>> Blocks(Caller caller, IGrainFactory grains, UserDirectory users)
    {
        var blocked = await grains.GetGrain<IAccountGrain>(caller.Id).Blocks();
        var named = await users.FindManyAsync(blocked);
        return TypedResults.Ok<IReadOnlyList<UserDto>>(blocked.Select(id => named[id]).ToList());
    }
}
