using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Chat;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Moderation;

/// <summary>
/// <c>/api/moderation</c>, for moderators only (accounts granted the role, see <see cref="ModeratorCommand"/>): open reports and their resolution, and the
/// actions behind them — hide a message, end a session, suspend (or reinstate) a user.
/// </summary>
public static class ModerationEndpoints
{
    public const int DefaultReportsPage = 50;
    public const int MaxReportsPage = 100;

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
        moderation.MapPost("/users/{id:guid}/suspend", (Guid id, [AsParameters] Suspension suspension) => Suspend(id, suspended: true, suspension))
            .WithSummary("Suspend a user: their tokens, connections and hosted sessions stop").ProducesProblem(StatusCodes.Status404NotFound);
        moderation.MapPost("/users/{id:guid}/reinstate", (Guid id, [AsParameters] Suspension suspension) => Suspend(id, suspended: false, suspension))
            .WithSummary("Reinstate a suspended user").ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The caller's account (a token is honoured only while it is open) is granted the role, or named by id in configuration.</summary>
    private static async ValueTask<object?> ModeratorsOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        var isModerator = CurrentUser.IdOf(context.HttpContext.User) is { } id
            && (services.GetRequiredService<IOptions<ModerationOptions>>().Value.Names(id)
                || await services.GetRequiredService<IModeratorStore>().IsModeratorAsync(id, context.HttpContext.RequestAborted));
        if (!isModerator) return Refusal.NotModerator.ToProblem();
        return await next(context);
    }

    /// <summary>Open reports, oldest first, a page at a time: <c>nextCursor</c> (the last report's id) continues after it.</summary>
    private static async Task<Results<Ok<ReportPage>, ProblemHttpResult>> OpenReports(
        [QueryParameter("Reports per page.", Type = "integer", Minimum = 1, Maximum = MaxReportsPage, Default = "50")] string? limit,
        [QueryParameter("The nextCursor of the previous page: this page continues after it.")] string? after,
        IReportStore reports, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var size = DefaultReportsPage;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxReportsPage))
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxReportsPage}."];
        Guid? from = null;
        if (after is not null)
        {
            if (Guid.TryParse(after, out var cursor)) from = cursor;
            else errors["after"] = ["after must be the nextCursor of a previous page."];
        }
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        if (await reports.OpenAsync(from, size, cancellationToken) is not var (items, total))
            return ApiProblem.Validation("after", "after must be the nextCursor of a previous page.");
        return TypedResults.Ok(new ReportPage(items, total, items.Count == size ? items[^1].Id.ToString() : null));
    }

    private static async Task<Results<Ok<ReportDto>, ProblemHttpResult>> Resolve(
        Guid id, ResolveReportRequest? request, Caller me, IReportStore reports, Clock clock, CancellationToken cancellationToken)
    {
        if (!ReportVocabulary.TryReadNote(request?.Resolution, out var resolution)) return ApiProblem.Validation("resolution", ReportVocabulary.NoteRule("resolution"));
        var resolved = await reports.ResolveAsync(id, me.Id, resolution, clock.GetUtcNow(), cancellationToken);
        return resolved is null ? ApiProblem.NotFound("The report") : TypedResults.Ok(resolved);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> HideMessage(Guid id, IChatLog chat, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await chat.SessionOfAsync(id, cancellationToken) is not { } sessionId) return ApiProblem.NotFound("The message");
        await grains.GetGrain<IStudySessionGrain>(sessionId).HideMessage(id);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EndSession(Guid id, IGrainFactory grains)
    {
        var outcome = await grains.GetGrain<IStudySessionGrain>(id).EndByModerator();
        return outcome.Error is { } error ? Refusal.ForSessionError(error).ToProblem() : TypedResults.NoContent();
    }

    /// <summary>
    /// Suspension takes effect at once on every front door: the account grain refuses the tokens and drops the hub
    /// connections, and the sessions the user hosts leave every map until they are reinstated. Asking again does it
    /// all again, so a suspension cut short by a failure is finished by repeating it.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> Suspend(Guid id, bool suspended, Suspension s)
    {
        var now = s.Clock.GetUtcNow();
        if (!await s.Users.SetSuspendedAsync(id, suspended, now, s.Cancellation)) return ApiProblem.NotFound("The user");
        var account = s.Grains.GetGrain<IAccountGrain>(id);
        await (suspended ? account.Close() : account.Reload());
        s.Directory.Forget(id);
        foreach (var sessionId in await s.Catalog.HostedByAsync(id, unfinishedAt: now, s.Cancellation))
            await s.Grains.GetGrain<IStudySessionGrain>(sessionId).SetHostSuspended(suspended);
        return TypedResults.NoContent();
    }

    /// <summary>What suspending or reinstating a user reaches, bound per request with <c>[AsParameters]</c>.</summary>
    private sealed record Suspension(IUserStore Users, ISessionCatalog Catalog, IGrainFactory Grains, UserDirectory Directory, Clock Clock, CancellationToken Cancellation);
}
