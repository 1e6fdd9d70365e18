using System.Security.Claims;
using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Series;
using DeepWorkMap.Grains;
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
        mine.MapPost("/{id:guid}/join", (Guid id, Caller me, IGrainFactory grains, SessionViews views, CancellationToken ct) =>
                Answer(grains.GetGrain<ISeriesGrain>(id).Join(me.Id), views, ct))
            .WithSummary("Join every occurrence to come").ProducesProblem(StatusCodes.Status404NotFound);
        mine.MapPost("/{id:guid}/cancel", Cancel).WithSummary("Cancel every occurrence to come (host only)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<SeriesDto>, ProblemHttpResult>> Create(
        CreateSeriesRequest? request, Caller me, IGrainFactory grains, SessionViews views, HostingCaps caps, Clock clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (SeriesRules.Validate(request, me.Id, clock.GetUtcNow(), errors) is not { } plan) return ApiProblem.Validation(errors);
        if (await caps.RefuseSeriesAsync(me.Id, cancellationToken) is { } refusal) return refusal.ToProblem();

        var id = Guid.NewGuid();
        var outcome = await grains.GetGrain<ISeriesGrain>(id).Create(plan with { Template = plan.Template with { SeriesId = id } });
        if (outcome.Error is { } error) return Refusal.ForSessionError(error).ToProblem();
        return TypedResults.Created($"/api/series/{id}", await ToDtoAsync(outcome, views, cancellationToken));
    }

    private static async Task<SeriesResult> Get(Guid id, ClaimsPrincipal user, IGrainFactory grains, SessionViews views, CancellationToken cancellationToken)
    {
        var outcome = await grains.GetGrain<ISeriesGrain>(id).View(CurrentUser.IdOf(user));
        return outcome is null ? ApiProblem.NotFound("The series") : TypedResults.Ok(await ToDtoAsync(outcome, views, cancellationToken, Viewer.Of(user)));
    }

    private static async Task<SeriesResult> Cancel(
        Guid id, CancelSessionRequest? request, Caller me, IGrainFactory grains, SessionViews views, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var reason = SessionRules.ValidateCancelReason(request?.Reason, errors);
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        return await Answer(grains.GetGrain<ISeriesGrain>(id).Cancel(me.Id, reason), views, cancellationToken);
    }

    /// <summary>A join's or a cancel's answer: every occurrence, with <c>skipped</c> (docs/api.md).</summary>
    private static async Task<SeriesResult> Answer(Task<SeriesOutcome> command, SessionViews views, CancellationToken cancellationToken)
    {
        var outcome = await command;
        if (outcome.Error is { } error) return error == ErrorCodes.NotFound ? ApiProblem.NotFound("The series") : Refusal.ForSessionError(error).ToProblem();
        return TypedResults.Ok(await ToDtoAsync(outcome, views, cancellationToken) with { Skipped = outcome.Skipped.Select(s => new SeriesSkipDto(s.SessionId, s.Code)).ToList() });
    }

    private static async Task<SeriesDto> ToDtoAsync(SeriesOutcome outcome, SessionViews views, CancellationToken cancellationToken, Viewer? viewer = null)
    {
        var plan = outcome.Plan!;
        var sessions = new List<SessionDto>(outcome.Sessions.Count);
        foreach (var session in outcome.Sessions.OrderBy(s => s.StartTime)) sessions.Add(await views.ToDtoAsync(session, viewer ?? Viewer.Member, cancellationToken));
        return new SeriesDto(outcome.Id, plan.DaysOfWeek, plan.Weeks, plan.TimeZone, sessions);
    }
}
