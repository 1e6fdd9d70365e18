using DeepWorkMap.Server.Http;
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
        users.MapPost("", async (Guid id, Caller caller, Blocks blocks) => (await blocks.SetAsync(caller, id, block: true)).OrNoContent())
            .WithSummary("Block a user");
        users.MapDelete("", async (Guid id, Caller caller, Blocks blocks) => (await blocks.SetAsync(caller, id, block: false)).OrNoContent())
            .WithSummary("Unblock a user");
        routes.MapGet("/api/me/blocks", async (Caller caller, Blocks blocks) => TypedResults.Ok(await blocks.ListAsync(caller)))
            .WithSummary("The users the caller blocks").WithTags("Accounts").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);
    }
}
