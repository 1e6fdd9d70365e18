using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SessionResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Ok<DeepWorkMap.Contracts.Api.SessionDto>,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;

namespace DeepWorkMap.Server.Sessions;

/// <summary>The "Focus room" part of docs/api.md: the shared timer (host) and goals (participants).</summary>
public static class FocusRoomEndpoints
{
    public static void MapFocusRoom(this IEndpointRouteBuilder routes)
    {
        var session = routes.MapGroup("/api/sessions/{id:guid}").WithTags("Sessions").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        session.MapPut("/timer", SetTimer).ProducesProblem(StatusCodes.Status400BadRequest);
        session.MapDelete("/timer", (Guid id, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken ct) =>
            SessionEndpoints.Command(http, views, user => grains.Get(id).SetTimer(user, null), ct));
        session.MapPost("/timer/{command:regex(^(pause|resume|skip)$)}", (Guid id, string command, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken ct) =>
            SessionEndpoints.Command(http, views, user => grains.Get(id).ControlTimer(user, command), ct));
        session.MapPut("/goal", SetGoal).ProducesProblem(StatusCodes.Status400BadRequest);
        session.MapDelete("/goal", (Guid id, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken ct) =>
            SessionEndpoints.Command(http, views, user => grains.Get(id).SetGoal(user, null, false), ct));
    }

    private static async Task<SessionResult> SetTimer(Guid id, TimerDto? request, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var plan = SessionRules.ValidateTimer(request, errors);
        if (plan is null) return ApiProblem.Validation(errors);
        return await SessionEndpoints.Command(http, views, user => grains.Get(id).SetTimer(user, plan), cancellationToken);
    }

    private static async Task<SessionResult> SetGoal(Guid id, GoalDto? request, HttpContext http, SessionGrains grains, SessionViews views, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var text = SessionRules.ValidateGoal(request, errors);
        if (text is null) return ApiProblem.Validation(errors);
        return await SessionEndpoints.Command(http, views, user => grains.Get(id).SetGoal(user, text, request!.Done), cancellationToken);
    }
}
