using System.Text.Json;
using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Server.Accounts;
using DeepWorkMap.Contracts;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Http;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using SessionResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Ok<DeepWorkMap.Contracts.Api.SessionDto>,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;
using PageResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<DeepWorkMap.Contracts.Api.SessionPage>,
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<DeepWorkMap.Contracts.Api.MapSessionPage>,
    Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;
using ViewResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<DeepWorkMap.Contracts.Api.ViewPage>,
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<DeepWorkMap.Contracts.Api.MapViewPage>,
    Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// The "Study sessions" part of docs/api.md. Anyone may read a session and search (anonymous searches are rate
/// limited per address, signed-in ones per user, and anonymous callers see no names); the participant list and every change need a token.
/// </summary>
public static class SessionEndpoints
{
    public const string AnonymousSearchPolicy = "anonymous-search";
    public const string CreatePolicy = "create-session";

    public static void MapSessions(this IEndpointRouteBuilder routes)
    {
        var sessions = routes.MapGroup("/api/sessions").WithTags("Sessions");
        sessions.MapPost("", Create).RequireAuthorization().RequireVerifiedEmailAddress().RequireRateLimiting(CreatePolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        sessions.MapGet("/{id:guid}", Get).ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapGet("/nearby", Nearby).RequireRateLimiting(AnonymousSearchPolicy).WithSignedInSearchLimit().Produces<SessionPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests);
        sessions.MapGet("/in-view", InView).RequireRateLimiting(AnonymousSearchPolicy).WithSignedInSearchLimit().Produces<ViewPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests);
        sessions.MapPost("/in-area", InArea).RequireRateLimiting(AnonymousSearchPolicy).WithSignedInSearchLimit().Produces<SessionPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests);
        sessions.MapPost("/{id:guid}/participants/{userId:guid}/remove", (Guid id, Guid userId, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken ct) =>
                Command(http, views, host => grains.Get(id).Remove(host, userId), ct))
            .RequireAuthorization().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{id:guid}/invite/rotate", RotateInvite).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapGet("/{id:guid}/participants", Participants).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapPost("/{id:guid}/join", (Guid id, JoinRequest? request, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken ct) =>
                Command(http, views, user => grains.Get(id).JoinWithInvite(user, request?.InviteCode), ct))
            .RequireAuthorization().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{id:guid}/leave", (Guid id, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken ct) =>
                Command(http, views, user => grains.Get(id).Leave(user), ct))
            .RequireAuthorization().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{id:guid}/end", (Guid id, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken ct) =>
                Command(http, views, user => grains.Get(id).End(user), ct))
            .RequireAuthorization().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapPatch("/{id:guid}", Edit).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{id:guid}/cancel", Cancel).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{id:guid}/waitlist", JoinWaitlist).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapDelete("/{id:guid}/waitlist", (Guid id, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken ct) =>
                Command(http, views, user => grains.Get(id).LeaveWaitlist(user), ct))
            .RequireAuthorization().ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapPost("/{id:guid}/check-in", (Guid id, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken ct) =>
                Command(http, views, user => grains.Get(id).CheckIn(user), ct))
            .RequireAuthorization().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<SessionResult> Edit(
        Guid id, EditSessionRequest? request, HttpContext http, SessionGrains grains, SessionViews views, Clock clock, CancellationToken cancellationToken)
    {
        if (CurrentUser.IdOf(http.User) is not { } userId) return ApiProblem.Unauthorized();
        var grain = grains.Get(id);
        if (await grain.View(userId, null) is not { } current) return ApiProblem.NotFound("The session");
        var errors = new Dictionary<string, string[]>();
        var edit = SessionRules.ValidateEdit(request, current.StartTime, clock.GetUtcNow(), errors);
        if (edit is null) return ApiProblem.Validation(errors);
        return await Command(http, views, user => grain.Edit(user, edit), cancellationToken);
    }

    private static async Task<SessionResult> Cancel(
        Guid id, CancelSessionRequest? request, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var reason = SessionRules.ValidateCancelReason(request?.Reason, errors);
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        return await Command(http, views, user => grains.Get(id).Cancel(user, reason), cancellationToken);
    }

    private static async Task<Results<Ok<WaitlistDto>, ProblemHttpResult>> JoinWaitlist(
        Guid id, JoinRequest? request, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken cancellationToken)
    {
        if (CurrentUser.IdOf(http.User) is not { } userId) return ApiProblem.Unauthorized();
        var outcome = await grains.Get(id).JoinWaitlist(userId, request?.InviteCode);
        if (outcome.Error is { } error) return Refusal.ForSessionError(error).ToProblem();
        var session = outcome.Session!;
        return TypedResults.Ok(new WaitlistDto(session.Mine!.WaitlistPosition!.Value, await views.ToDtoAsync(session, Viewer.Member, cancellationToken)));
    }

    private static async Task<Results<Created<SessionDto>, ProblemHttpResult>> Create(
        CreateSessionRequest? request, HttpContext http, SessionGrains grains, SessionViews views, ISessionCatalog catalog, IOptions<Limits> limits,
        Clock clock, CancellationToken cancellationToken)
    {
        if (CurrentUser.IdOf(http.User) is not { } hostId) return ApiProblem.Unauthorized();
        var errors = new Dictionary<string, string[]>();
        var command = SessionRules.Validate(request, hostId, clock.GetUtcNow(), errors);
        if (command is null) return ApiProblem.Validation(errors);
        var cap = limits.Value.ActiveSessionsPerHost;
        if (cap > 0 && (await catalog.ActiveHostingAsync(hostId, clock.GetUtcNow(), cancellationToken)).Sessions >= cap)
            return Refusal.LimitReached($"You already host {cap} sessions that have not finished; end one first.").ToProblem();

        var id = Guid.NewGuid();
        var outcome = await grains.Get(id).Create(command);
        if (outcome.Error is { } error) return Refusal.ForSessionError(error).ToProblem();
        return TypedResults.Created($"/api/sessions/{id}", await views.ToDtoAsync(outcome.Session!, Viewer.Member, cancellationToken));
    }

    /// <summary>A private session is found only by its participants, or with <c>?invite=</c> its code.</summary>
    private static async Task<SessionResult> Get(Guid id, string? invite, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken cancellationToken)
    {
        var session = await grains.Get(id).View(CurrentUser.IdOf(http.User), invite);
        return session is null ? ApiProblem.NotFound("The session") : TypedResults.Ok(await views.ToDtoAsync(session, Viewer.Of(http.User), cancellationToken));
    }

    private static async Task<PageResult> Nearby(
        HttpRequest request, HttpContext http, NearbySearch search, SessionViews views, SessionGeoJson geoJson, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var errors = new Dictionary<string, string[]>();
        var fields = ListFieldsRules.Read(q["fields"], errors);
        var query = NearbyRules.Validate(q["lat"], q["lng"], q["radiusKm"], q["sessionType"], q["subject"], q["status"], q["limit"], errors, q["after"]);
        if (query is null || fields is null) return ApiProblem.Validation(errors);
        var hits = await search.SearchAsync(query);
        // A full page may have more after it: its last session is where the next one starts.
        var next = hits.Count == query.Limit ? NearbyCursors.Write(new NearbyCursor(hits[^1].Session.StartTime, hits[^1].Session.Id)) : null;
        if (fields is ListFields.Map)
        {
            var found = SessionViews.ToMapDtos(hits);
            return SessionGeoJson.IsWanted(request) ? geoJson.Of(found, null, next, total: null) : TypedResults.Json(new MapSessionPage(found, next), SessionListJson.Default.MapSessionPage);
        }
        var items = await views.ToDtosAsync(hits, Viewer.Of(http.User), cancellationToken);
        return SessionGeoJson.IsWanted(request) ? geoJson.Of(items, null, next, total: null) : TypedResults.Json(new SessionPage(items, next), SessionListJson.Default.SessionPage);
    }

    private static async Task<ViewResult> InView(
        HttpRequest request, HttpContext http, ViewPages pages, SessionGeoJson geoJson, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var errors = new Dictionary<string, string[]>();
        var fields = ListFieldsRules.Read(q["fields"], errors);
        var query = ViewRules.Validate(q["bbox"], q["zoom"], q["sessionType"], q["subject"], q["status"], q["limit"], q["after"], errors);
        if (query is null || fields is null) return ApiProblem.Validation(errors);
        if (fields is ListFields.Map)
        {
            var found = await pages.AnswerForMapAsync(query);
            return SessionGeoJson.IsWanted(request) ? geoJson.Of(found.Items, found.Clusters, found.NextCursor, found.Total) : TypedResults.Json(found, SessionListJson.Default.MapViewPage);
        }
        var page = await pages.AnswerAsync(query, Viewer.Of(http.User), cancellationToken);
        return SessionGeoJson.IsWanted(request) ? geoJson.Of(page.Items, page.Clusters, page.NextCursor, page.Total) : TypedResults.Json(page, SessionListJson.Default.ViewPage);
    }

    private static async Task<PageResult> InArea(
        JsonElement? body, HttpRequest request, HttpContext http, AreaSearch search, SessionViews views, SessionGeoJson geoJson, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var errors = new Dictionary<string, string[]>();
        var fields = ListFieldsRules.Read(q["fields"], errors);
        if (AreaRules.Validate(body, geoJson.Options, q["sessionType"], q["subject"], q["status"], q["limit"], q["after"], errors) is not var (area, query) || fields is null)
            return ApiProblem.Validation(errors);
        var page = await search.SearchAsync(area, query);
        var next = page.Count == query.Limit ? NearbyCursors.Write(new NearbyCursor(page[^1].StartTime, page[^1].Id)) : null;
        if (fields is ListFields.Map)
        {
            var found = SessionViews.ToMapDtos(page);
            return SessionGeoJson.IsWanted(request) ? geoJson.Of(found, null, next, total: null) : TypedResults.Json(new MapSessionPage(found, next), SessionListJson.Default.MapSessionPage);
        }
        var items = await views.ToDtosAsync(page, Viewer.Of(http.User), cancellationToken);
        return SessionGeoJson.IsWanted(request) ? geoJson.Of(items, null, next, total: null) : TypedResults.Json(new SessionPage(items, next), SessionListJson.Default.SessionPage);
    }

    private static async Task<Results<Ok<IReadOnlyList<ParticipantDto>>, ProblemHttpResult>> Participants(
        Guid id, HttpContext http, SessionGrains grains, IGrainFactory accounts, SessionViews views, CancellationToken cancellationToken)
    {
        if (CurrentUser.IdOf(http.User) is not { } viewerId) return ApiProblem.Unauthorized();
        var participants = await grains.Get(id).ParticipantsFor(viewerId);
        if (participants is null) return ApiProblem.NotFound("The session");
        // Whom the viewer blocks, or who blocks the viewer, shows no presence: they read as offline.
        var hidden = await accounts.GetGrain<IAccountGrain>(viewerId).Hidden();
        if (hidden.Count > 0) participants = participants.Select(p => hidden.Contains(p.UserId) && p.Presence is not null ? p with { Presence = PresenceStates.Offline } : p).ToList();
        return TypedResults.Ok(await views.ToDtosAsync(participants, cancellationToken));
    }

    private static async Task<Results<Ok<InviteDto>, ProblemHttpResult>> RotateInvite(Guid id, HttpContext http, SessionGrains grains)
    {
        if (CurrentUser.IdOf(http.User) is not { } userId) return ApiProblem.Unauthorized();
        var outcome = await grains.Get(id).RotateInvite(userId);
        if (outcome.Error is { } error) return Refusal.ForSessionError(error).ToProblem();
        var code = outcome.Session!.InviteCode!;
        return TypedResults.Ok(new InviteDto(code, SessionViews.InviteLinkOf(id, code)));
    }

    /// <summary>The one per-user search budget, shared by every search endpoint (a filter type added per endpoint would get one each).</summary>
    private static RouteHandlerBuilder WithSignedInSearchLimit(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter((context, next) => context.HttpContext.RequestServices.GetRequiredService<SignedInSearchLimit>().InvokeAsync(context, next));

    public static async Task<SessionResult> Command(HttpContext http, SessionViews views, Func<Guid, Task<SessionOutcome>> command, CancellationToken cancellationToken)
    {
        if (CurrentUser.IdOf(http.User) is not { } userId) return ApiProblem.Unauthorized();
        var outcome = await command(userId);
        return outcome.Error is { } error
            ? Refusal.ForSessionError(error).ToProblem()
            : TypedResults.Ok(await views.ToDtoAsync(outcome.Session!, Viewer.Member, cancellationToken));
    }
}
