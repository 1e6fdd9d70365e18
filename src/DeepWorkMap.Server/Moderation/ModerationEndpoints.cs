using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Moderation;

/// <summary>
/// <c>/api/moderation</c>, for moderators only (accounts granted the role, see <see cref="ModeratorCommand"/>): open reports and their resolution, and the
/// actions behind them — hide a message, end a session, suspend (or reinstate) a user.
/// </summary>
public static class ModerationEndpoints
{
    /// <summary>The page of open reports a moderator gets without asking for a size (<see cref="ReportQueue"/>).</summary>
    public const int DefaultReportsPage = ReportQueue.DefaultPage;

    public static void MapModeration(this IEndpointRouteBuilder routes)
    {
        routes.MapReports();
        var moderation = routes.MapGroup("/api/moderation").WithTags("Moderation").RequireAuthorization()
            .AddEndpointFilter(ModeratorsOnly)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        moderation.MapGet("/reports", OpenReports).WithSummary("Open reports, oldest first").ProducesProblem(StatusCodes.Status400BadRequest);
        moderation.MapPost("/reports/{id:guid}/resolve", Resolve).WithSummary("Close a report with a note").ProducesProblem(StatusCodes.Status404NotFound);
        moderation.MapPost("/messages/{id:guid}/hide", HideMessage).WithSummary("Hide a chat message from everyone").ProducesProblem(StatusCodes.Status404NotFound);
        moderation.MapPost("/sessions/{id:guid}/end", EndSession).WithSummary("End a session").ProducesProblem(StatusCodes.Status404NotFound);
        moderation.MapPost("/users/{id:guid}/suspend", (Guid id, ModeratorActions actions, CancellationToken cancellationToken) => Suspend(id, suspended: true, actions, cancellationToken))
            .WithSummary("Suspend a user: their tokens, connections and hosted sessions stop").ProducesProblem(StatusCodes.Status404NotFound);
        moderation.MapPost("/users/{id:guid}/reinstate", (Guid id, ModeratorActions actions, CancellationToken cancellationToken) => Suspend(id, suspended: false, actions, cancellationToken))
            .WithSummary("Reinstate a suspended user").ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>A token is honoured only while its account is open; its account must moderate (<see cref="Moderators"/>).</summary>
    private static async ValueTask<object?> ModeratorsOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var isModerator = CurrentUser.IdOf(http.User) is { } id
            && await http.RequestServices.GetRequiredService<Moderators>().IsModeratorAsync(id, http.RequestAborted);
        if (!isModerator) return Refusal.NotModerator.ToProblem();
        return await next(context);
    }

    /// <summary>Open reports, oldest first, a page at a time: <c>nextCursor</c> (the last report's id) continues after it.</summary>
    private static async Task<Results<Ok<ReportPage>, ProblemHttpResult>> OpenReports(
        [QueryParameter("Reports per page.", Type = "integer", Minimum = 1, Maximum = ReportQueue.MaxPage, Default = "50")] string? limit,
        [QueryParameter("The nextCursor of the previous page: this page continues after it.")] string? after,
        ReportQueue queue, CancellationToken cancellationToken) =>
        (await queue.OpenAsync(limit, after, cancellationToken)).OrOk();

    private static async Task<Results<Ok<ReportDto>, ProblemHttpResult>> Resolve(
        Guid id, ResolveReportRequest? request, Caller me, ReportQueue queue, CancellationToken cancellationToken) =>
        (await queue.ResolveAsync(id, me, request?.Resolution, cancellationToken)).OrOk();

    private static async Task<Results<NoContent, ProblemHttpResult>> HideMessage(Guid id, ModeratorActions actions, CancellationToken cancellationToken) =>
        (await actions.HideMessageAsync(id, cancellationToken)).OrNoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> EndSession(Guid id, ModeratorActions actions) =>
        (await actions.EndSessionAsync(id)).OrNoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> Suspend(Guid id, bool suspended, ModeratorActions actions, CancellationToken cancellationToken) =>
        (await actions.SetSuspendedAsync(id, suspended, cancellationToken)).OrNoContent();
}
