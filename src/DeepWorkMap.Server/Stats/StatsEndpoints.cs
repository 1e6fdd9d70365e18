using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Stats;

/// <summary>The "Focus stats" part of docs/api.md: the caller's days and streaks, the weekly leaderboard, and others' summaries.</summary>
public static class StatsEndpoints
{
    public static void MapStats(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Focus stats").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapGet("/me/stats", Mine).WithSummary("Your focused time by day, and your streaks").ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/me/leaderboard", async (Caller me, FocusStats stats, CancellationToken cancellationToken) =>
                TypedResults.Ok(await stats.LeaderboardAsync(me.Id, cancellationToken)))
            .WithSummary("This week's focused time of you and those you follow");
        api.MapGet("/users/{id:guid}/stats", OfUser).WithSummary("A user's focus summary")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<FocusStatsDto>, ProblemHttpResult>> Mine(
        [QueryParameter(FocusRange.DayRule + " The first day; default: 29 days before to.", Format = "date")] string? from,
        [QueryParameter(FocusRange.DayRule + " The last day, at most 366 days after from; default: today in your time zone.", Format = "date")] string? to,
        Caller me, FocusStatsViews views, CancellationToken cancellationToken) =>
        (await views.MineAsync(me, from, to, cancellationToken)).OrOk();

    private static async Task<Results<Ok<PublicStatsDto>, ProblemHttpResult>> OfUser(
        Guid id, Caller me, FocusStatsViews views, CancellationToken cancellationToken) =>
        (await views.OfUserAsync(me, id, cancellationToken)).OrOk();
}
