using System.Security.Claims;
using System.Text.Json;
using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;
using SessionResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Ok<DeepWorkMap.Contracts.Api.SessionDto>,
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
        sessions.MapGet("/{id:guid}", Get).WithSummary("Read a session as the caller may see it").ProducesProblem(StatusCodes.Status404NotFound);
        MapSearches(sessions);

        var mine = sessions.MapGroup("").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);
        mine.MapPost("", Create).WithSummary("Host a session").RequireVerifiedEmailAddress().RequireRateLimiting(CreatePolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        mine.MapPost("/{id:guid}/participants/{userId:guid}/remove", (Guid id, Guid userId, Caller me, [AsParameters] SessionApi api) =>
                api.Answer(api.Session(id).Remove(me.Id, userId)))
            .WithSummary("Remove a participant (host only); they cannot join again")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        mine.MapPost("/{id:guid}/invite/rotate", RotateInvite).WithSummary("Give a private session a new invite code (host only)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        mine.MapGet("/{id:guid}/participants", Participants).WithSummary("The active participants, host first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        mine.MapPost("/{id:guid}/join", (Guid id, JoinRequest? request, Caller me, [AsParameters] SessionApi api) =>
                api.Answer(api.Session(id).JoinWithInvite(me.Id, request?.InviteCode)))
            .WithSummary("Take a seat").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        mine.MapPost("/{id:guid}/leave", (Guid id, Caller me, [AsParameters] SessionApi api) => api.Answer(api.Session(id).Leave(me.Id)))
            .WithSummary("Give up a seat, or a place in line").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        mine.MapPost("/{id:guid}/end", (Guid id, Caller me, [AsParameters] SessionApi api) => api.Answer(api.Session(id).End(me.Id)))
            .WithSummary("End the session (host only)").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        mine.MapPatch("/{id:guid}", Edit).WithSummary("Change a session (host only)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        mine.MapPost("/{id:guid}/cancel", Cancel).WithSummary("Call a session off before it starts (host only)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        mine.MapPost("/{id:guid}/waitlist", JoinWaitlist).WithSummary("Wait in line for a full session")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        mine.MapDelete("/{id:guid}/waitlist", (Guid id, Caller me, [AsParameters] SessionApi api) => api.Answer(api.Session(id).LeaveWaitlist(me.Id)))
            .WithSummary("Leave the line").ProducesProblem(StatusCodes.Status404NotFound);
        mine.MapPost("/{id:guid}/check-in", (Guid id, Caller me, [AsParameters] SessionApi api) => api.Answer(api.Session(id).CheckIn(me.Id)))
            .WithSummary("Say you are there").ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Nearby, in view and in an area: JSON, or GeoJSON when asked for; capped per address, or per user when signed in.</summary>
    private static void MapSearches(RouteGroupBuilder sessions)
    {
        sessions.MapGet("/nearby", ([AsParameters] NearbyParameters circle, [AsParameters] SearchParameters query, AnswerFormat format, ClaimsPrincipal user,
                SessionSearches searches, CancellationToken ct) => searches.NearbyAsync(circle, query, format, Viewer.Of(user), ct))
            .WithSummary("Sessions within a radius, in start order").AsSearch().Produces<SessionPage>().ProducesGeoJsonPage();
        sessions.MapGet("/in-view", ([AsParameters] ViewParameters view, [AsParameters] SearchParameters query, AnswerFormat format, ClaimsPrincipal user,
                SessionSearches searches, CancellationToken ct) => searches.InViewAsync(view, query, format, Viewer.Of(user), ct))
            .WithSummary("What a map's view shows: sessions, or clusters").AsSearch().Produces<ViewPage>().ProducesGeoJsonPage();
        sessions.MapPost("/in-area", (JsonElement? body, [AsParameters] SearchParameters query, AnswerFormat format, ClaimsPrincipal user, SessionSearches searches,
                CancellationToken ct) => searches.InAreaAsync(body, query, format, Viewer.Of(user), ct))
            .WithSummary("Sessions inside a GeoJSON polygon, in start order").AsSearch().Produces<SessionPage>().ProducesGeoJsonPage().AcceptsGeoJsonPolygon();
    }

    private static RouteHandlerBuilder AsSearch(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireRateLimiting(AnonymousSearchPolicy).WithSignedInSearchLimit()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<SessionResult> Edit(Guid id, EditSessionRequest? request, Caller me, Clock clock, [AsParameters] SessionApi api)
    {
        var grain = api.Session(id);
        if (await grain.View(me.Id, null) is not { } current) return ApiProblem.NotFound("The session");
        var errors = new Dictionary<string, string[]>();
        var edit = SessionRules.ValidateEdit(request, current.StartTime, clock.GetUtcNow(), errors);
        if (edit is null) return ApiProblem.Validation(errors);
        return await api.Answer(grain.Edit(me.Id, edit));
    }

    private static async Task<SessionResult> Cancel(Guid id, CancelSessionRequest? request, Caller me, [AsParameters] SessionApi api)
    {
        var errors = new Dictionary<string, string[]>();
        var reason = SessionRules.ValidateCancelReason(request?.Reason, errors);
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        return await api.Answer(api.Session(id).Cancel(me.Id, reason));
    }

    private static async Task<Results<Ok<WaitlistDto>, ProblemHttpResult>> JoinWaitlist(Guid id, JoinRequest? request, Caller me, [AsParameters] SessionApi api)
    {
        var outcome = await api.Session(id).JoinWaitlist(me.Id, request?.InviteCode);
        if (outcome.Error is { } error) return Refusal.ForSessionError(error).ToProblem();
        var session = outcome.Session!;
        return TypedResults.Ok(new WaitlistDto(session.Mine!.WaitlistPosition!.Value, await api.Views.ToDtoAsync(session, Viewer.Member, api.Cancellation)));
    }

    private static async Task<Results<Created<SessionDto>, ProblemHttpResult>> Create(
        CreateSessionRequest? request, Caller me, HostingCaps caps, Clock clock, [AsParameters] SessionApi api)
    {
        var errors = new Dictionary<string, string[]>();
        var command = SessionRules.Validate(request, me.Id, clock.GetUtcNow(), errors);
        if (command is null) return ApiProblem.Validation(errors);
        if (await caps.RefuseSessionAsync(me.Id, api.Cancellation) is { } refusal) return refusal.ToProblem();

        var id = Guid.NewGuid();
        var outcome = await api.Session(id).Create(command);
        if (outcome.Error is { } error) return Refusal.ForSessionError(error).ToProblem();
        return TypedResults.Created($"/api/sessions/{id}", await api.Views.ToDtoAsync(outcome.Session!, Viewer.Member, api.Cancellation));
    }

    /// <summary>A private session is found only by its participants, or with <c>?invite=</c> its code.</summary>
    private static async Task<SessionResult> Get(
        Guid id, [QueryParameter("A private session's invite code: shows it to whoever has it.")] string? invite, ClaimsPrincipal user, [AsParameters] SessionApi api)
    {
        var session = await api.Session(id).View(CurrentUser.IdOf(user), invite);
        return session is null ? ApiProblem.NotFound("The session") : TypedResults.Ok(await api.Views.ToDtoAsync(session, Viewer.Of(user), api.Cancellation));
    }

    private static async Task<Results<Ok<IReadOnlyList<ParticipantDto>>, ProblemHttpResult>> Participants(
        Guid id, Caller me, IGrainFactory accounts, [AsParameters] SessionApi api)
    {
        var participants = await api.Session(id).ParticipantsFor(me.Id);
        if (participants is null) return ApiProblem.NotFound("The session");
        // Whom the viewer blocks, or who blocks the viewer, shows no presence and no goal: they read as offline, with none.
        var hidden = await accounts.GetGrain<IAccountGrain>(me.Id).Hidden();
        if (hidden.Count > 0) participants = participants.Select(p => hidden.Contains(p.UserId) ? SessionViews.AsHidden(p) : p).ToList();
        return TypedResults.Ok(await api.Views.ToDtosAsync(participants, api.Cancellation));
    }

    private static async Task<Results<Ok<InviteDto>, ProblemHttpResult>> RotateInvite(Guid id, Caller me, SessionGrains grains)
    {
        var outcome = await grains.Get(id).RotateInvite(me.Id);
        if (outcome.Error is { } error) return Refusal.ForSessionError(error).ToProblem();
        var code = outcome.Session!.InviteCode!;
        return TypedResults.Ok(new InviteDto(code, SessionViews.InviteLinkOf(id, code)));
    }

    /// <summary>The one per-user search budget, shared by every search endpoint (a filter type added per endpoint would get one each).</summary>
    private static RouteHandlerBuilder WithSignedInSearchLimit(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter((context, next) => context.HttpContext.RequestServices.GetRequiredService<SignedInSearchLimit>().InvokeAsync(context, next));
}
