using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Accounts;
using DeepWorkMap.Server.Http;

namespace DeepWorkMap.Server.Sessions;

/// <summary>The "Study sessions" part of API.md. Reads are open to anyone; changes need a token.</summary>
public static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        var sessions = routes.MapGroup("/api/sessions").WithTags("Sessions");
        sessions.MapPost("", Create).RequireAuthorization();
        sessions.MapGet("/{id:guid}", Get);
        sessions.MapGet("/nearby", Nearby);
        sessions.MapGet("/{id:guid}/participants", Participants);
        sessions.MapPost("/{id:guid}/join", (Guid id, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken ct) =>
            Command(http, views, user => grains.Get(id).Join(user), ct)).RequireAuthorization();
        sessions.MapPost("/{id:guid}/leave", (Guid id, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken ct) =>
            Command(http, views, user => grains.Get(id).Leave(user), ct)).RequireAuthorization();
        sessions.MapPost("/{id:guid}/end", (Guid id, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken ct) =>
            Command(http, views, user => grains.Get(id).End(user), ct)).RequireAuthorization();
    }

    private static async Task<IResult> Create(CreateSessionRequest? request, HttpContext http, SessionGrains grains, SessionViews views, Clock clock, CancellationToken cancellationToken)
    {
        if (CurrentUser.IdOf(http.User) is not { } hostId) return ApiProblem.Unauthorized();
        var errors = new Dictionary<string, string[]>();
        var command = SessionRules.Validate(request, hostId, clock.GetUtcNow(), errors);
        if (command is null) return ApiProblem.Validation(errors);

        var id = Guid.NewGuid();
        var outcome = await grains.Get(id).Create(command);
        if (outcome.Error is not null) return await views.ResultAsync(outcome, cancellationToken);
        return TypedResults.Created($"/api/sessions/{id}", await views.ToDtoAsync(outcome.Session!, cancellationToken));
    }

    private static async Task<IResult> Get(Guid id, SessionGrains grains, SessionViews views, CancellationToken cancellationToken)
    {
        var session = await grains.Get(id).Get();
        return session is null ? ApiProblem.NotFound("The session") : TypedResults.Ok(await views.ToDtoAsync(session, cancellationToken));
    }

    private static async Task<IResult> Nearby(HttpRequest request, NearbySearch search, SessionViews views, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var errors = new Dictionary<string, string[]>();
        var query = NearbyRules.Validate(q["lat"], q["lng"], q["radiusKm"], q["sessionType"], q["subject"], q["status"], q["limit"], errors);
        if (query is null) return ApiProblem.Validation(errors);
        var hits = await search.SearchAsync(query);
        return TypedResults.Ok(new ItemsDto<SessionDto>(await views.ToDtosAsync(hits, cancellationToken)));
    }

    private static async Task<IResult> Participants(Guid id, SessionGrains grains, SessionViews views, CancellationToken cancellationToken)
    {
        var participants = await grains.Get(id).GetParticipants();
        return participants is null ? ApiProblem.NotFound("The session") : TypedResults.Ok(await views.ToDtosAsync(participants, cancellationToken));
    }

    private static async Task<IResult> Command(HttpContext http, SessionViews views, Func<Guid, Task<SessionOutcome>> command, CancellationToken cancellationToken)
    {
        if (CurrentUser.IdOf(http.User) is not { } userId) return ApiProblem.Unauthorized();
        return await views.ResultAsync(await command(userId), cancellationToken);
    }
}
