using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Series;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Server.Accounts;
using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
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
        series.MapPost("", Create).RequireAuthorization().RequireVerifiedEmailAddress().RequireRateLimiting(SessionEndpoints.CreatePolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        series.MapGet("/{id:guid}", Get).ProducesProblem(StatusCodes.Status404NotFound);
        series.MapPost("/{id:guid}/join", (Guid id, HttpContext http, IGrainFactory grains, SessionViews views, CancellationToken ct) =>
                Command(http, views, user => grains.GetGrain<ISeriesGrain>(id).Join(user), ct))
            .RequireAuthorization().ProducesProblem(StatusCodes.Status404NotFound);
        series.MapPost("/{id:guid}/cancel", Cancel).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<SeriesDto>, ProblemHttpResult>> Create(
        CreateSeriesRequest? request, HttpContext http, IGrainFactory grains, SessionViews views, ISessionCatalog catalog,
        IOptions<Limits> limits, Clock clock, CancellationToken cancellationToken)
    {
        if (CurrentUser.IdOf(http.User) is not { } hostId) return ApiProblem.Unauthorized();
        var errors = new Dictionary<string, string[]>();
        var now = clock.GetUtcNow();
        if (SeriesRules.Validate(request, hostId, now, errors) is not { } plan) return ApiProblem.Validation(errors);
        var cap = limits.Value.ActiveSeriesPerHost;
        if (cap > 0 && (await catalog.ActiveHostingAsync(hostId, now, cancellationToken)).Series >= cap)
            return Refusal.LimitReached($"You already host {cap} weekly series with sessions to come; cancel one first.").ToProblem();

        var id = Guid.NewGuid();
        var outcome = await grains.GetGrain<ISeriesGrain>(id).Create(plan with { Template = plan.Template with { SeriesId = id } });
        if (outcome.Error is { } error) return Refusal.ForSessionError(error).ToProblem();
        return TypedResults.Created($"/api/series/{id}", await ToDtoAsync(outcome, views, cancellationToken));
    }

    private static async Task<SeriesResult> Get(Guid id, HttpContext http, IGrainFactory grains, SessionViews views, CancellationToken cancellationToken)
    {
        var outcome = await grains.GetGrain<ISeriesGrain>(id).View(CurrentUser.IdOf(http.User));
        return outcome is null ? ApiProblem.NotFound("The series") : TypedResults.Ok(await ToDtoAsync(outcome, views, cancellationToken, Viewer.Of(http.User)));
    }

    private static async Task<SeriesResult> Cancel(
        Guid id, CancelSessionRequest? request, HttpContext http, IGrainFactory grains, SessionViews views, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var reason = SessionRules.ValidateCancelReason(request?.Reason, errors);
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        return await Command(http, views, user => grains.GetGrain<ISeriesGrain>(id).Cancel(user, reason), cancellationToken);
    }

    private static async Task<SeriesResult> Command(HttpContext http, SessionViews views, Func<Guid, Task<SeriesOutcome>> command, CancellationToken cancellationToken)
    {
        if (CurrentUser.IdOf(http.User) is not { } userId) return ApiProblem.Unauthorized();
        var outcome = await command(userId);
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
