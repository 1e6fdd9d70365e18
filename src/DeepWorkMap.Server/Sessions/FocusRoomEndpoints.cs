using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;
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
        session.MapPut("/timer", SetTimer).WithSummary("Set the shared timer (host only)").ProducesProblem(StatusCodes.Status400BadRequest);
        session.MapDelete("/timer", (Guid id, Caller me, [AsParameters] SessionApi api) => api.Answer(api.Session(id).SetTimer(me.Id, null)))
            .WithSummary("Remove the timer (host only)");
        session.MapPost("/timer/{command:regex(^(pause|resume|skip)$)}", (Guid id, string command, Caller me, [AsParameters] SessionApi api) =>
                api.Answer(api.Session(id).ControlTimer(me.Id, command)))
            .WithSummary("Pause, resume or skip the timer's phase (host only)");
        session.MapPut("/goal", SetGoal).WithSummary("Set your goal for the session").ProducesProblem(StatusCodes.Status400BadRequest);
        session.MapDelete("/goal", (Guid id, Caller me, [AsParameters] SessionApi api) => api.Answer(api.Session(id).SetGoal(me.Id, null, false)))
            .WithSummary("Clear your goal");
    }

    private static async Task<SessionResult> SetTimer(Guid id, TimerDto? request, Caller me, [AsParameters] SessionApi api)
    {
        var errors = new Dictionary<string, string[]>();
        var plan = SessionRules.ValidateTimer(request, errors);
        if (plan is null) return ApiProblem.Validation(errors);
        return await api.Answer(api.Session(id).SetTimer(me.Id, plan));
    }

    private static async Task<SessionResult> SetGoal(Guid id, GoalDto? request, Caller me, [AsParameters] SessionApi api)
    {
        var errors = new Dictionary<string, string[]>();
        var text = SessionRules.ValidateGoal(request, errors);
        if (text is null) return ApiProblem.Validation(errors);
        return await api.Answer(api.Session(id).SetGoal(me.Id, text, request!.Done));
    }
}
