using System.Security.Claims;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Calendar;

/// <summary>
/// The "Calendar" part of docs/api.md: one session as an .ics file, and a user's personal feed, which calendar
/// apps fetch without a token: the feed's secret address is its only key.
/// </summary>
public static class CalendarEndpoints
{
    public static void MapCalendar(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/sessions/{id:guid}/calendar.ics", Session).WithTags("Calendar").WithSummary("One session as an iCalendar file")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar").ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/api/calendar/{file}", Feed).WithTags("Calendar").WithSummary("A user's calendar feed, at its secret address ({token}.ics)")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Session(
        Guid id, [QueryParameter("A private session's invite code.")] string? invite, ClaimsPrincipal user, CalendarFiles files) =>
        Ics(await files.SessionAsync(id, CurrentUser.IdOf(user), invite));

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Feed(string file, CalendarFiles files, CancellationToken cancellationToken) =>
        Ics(await files.FeedAsync(file, cancellationToken));

    /// <summary>A feed's address is a secret, and a session's file may hold its venue: SecurityHeaders keeps both from caches.</summary>
    private static Results<ContentHttpResult, ProblemHttpResult> Ics((string? Ics, Refusal? Refusal) outcome) =>
        outcome.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Text(outcome.Ics, SessionCalendar.ContentType);
}
