using System.Security.Claims;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;
using SeriesResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Ok<DeepWorkMap.Contracts.Api.SeriesDto>,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;

namespace DeepWorkMap.Server.Series;

/// <summary>The "Weekly series" part of docs/api.md.</summary>
public static class SeriesEndpoints
{
    public static void MapSeries(this IEndpointRouteBuilder routes)
    {
        var series = routes.MapGroup("/api/series").WithTags("Series");
        series.MapGet("/{id:guid}", Get).WithSummary("Read a series and its occurrences").ProducesProblem(StatusCodes.Status404NotFound);
        var mine = series.MapGroup("").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);
        mine.MapPost("", Create).WithSummary("Host a weekly series").RequireVerifiedEmailAddress().RequireRateLimiting(SessionEndpoints.CreatePolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        mine.MapPost("/{id:guid}/join", Join).WithSummary("Join every occurrence to come").ProducesProblem(StatusCodes.Status404NotFound);
        mine.MapPost("/{id:guid}/cancel", Cancel).WithSummary("Cancel every occurrence to come (host only)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<SeriesDto>, ProblemHttpResult>> Create(
        CreateSeriesRequest? request, Caller me, WeeklySeries series, CancellationToken cancellationToken) =>
        await series.CreateAsync(me, request, cancellationToken) switch
        {
            (_, { } refusal) => refusal.ToProblem(),
            (var created, _) => TypedResults.Created($"/api/series/{created!.Id}", created),
        };

    private static async Task<SeriesResult> Get(Guid id, ClaimsPrincipal user, WeeklySeries series, CancellationToken cancellationToken) =>
        (await series.ViewAsync(id, CurrentUser.IdOf(user), Viewer.Of(user), cancellationToken)).OrOk();

    private static async Task<SeriesResult> Join(Guid id, Caller me, WeeklySeries series, CancellationToken cancellationToken) =>
        (await series.JoinAsync(me, id, cancellationToken)).OrOk();

    private static async Task<SeriesResult> Cancel(
        Guid id, CancelSessionRequest? request, Caller me, WeeklySeries series, CancellationToken cancellationToken) =>
        (await series.CancelAsync(me, id, request, cancellationToken)).OrOk();
}
