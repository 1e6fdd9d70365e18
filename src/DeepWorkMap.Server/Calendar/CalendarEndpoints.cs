using System.Security.Claims;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Sessions;
using DeepWorkMap.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Calendar;

/// <summary>
/// The "Calendar" part of docs/api.md: one session as an .ics file, and a user's personal feed, which calendar
/// apps fetch without a token: the feed's secret address is its only key.
/// </summary>
public static class CalendarEndpoints
{
    /// <summary>A feed holds at most this many sessions, the latest first.</summary>
    public const int MaxFeedSessions = 500;

    public static void MapCalendar(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/sessions/{id:guid}/calendar.ics", Session).WithTags("Calendar").WithSummary("One session as an iCalendar file")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar").ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/api/calendar/{file}", Feed).WithTags("Calendar").WithSummary("A user's calendar feed, at its secret address ({token}.ics)")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Session(
        Guid id, [QueryParameter("A private session's invite code.")] string? invite, ClaimsPrincipal user, SessionGrains sessions, IGrainFactory grains,
        PublicLinks links)
    {
        var viewerId = CurrentUser.IdOf(user);
        if (await sessions.Get(id).View(viewerId, invite) is not { } session) return ApiProblem.NotFound("The session");
        var alarm = viewerId is { } userId ? (await grains.GetGrain<IUserGrain>(userId).Preferences()).ReminderMinutes : UserPreferences.DefaultReminderMinutes;
        return Ics(SessionCalendar.Write([session], links.SessionPage, alarm, session.Title));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Feed(
        string file, IPreferencesStore preferences, ISessionCatalog catalog, SessionGrains sessions, IGrainFactory grains,
        PublicLinks links, CancellationToken cancellationToken)
    {
        // The token is the whole key: an unknown one looks like any missing address.
        if (!file.EndsWith(".ics", StringComparison.Ordinal) || await preferences.FeedOwnerAsync(file[..^4], cancellationToken) is not { } userId)
            return ApiProblem.NotFound("The calendar");
        var mine = await catalog.SessionsOfAsync(userId, MaxFeedSessions, cancellationToken);
        var shown = (await Task.WhenAll(mine.Select(session => sessions.Get(session.Id).View(userId, null)))).OfType<SessionSnapshot>();
        var alarm = (await grains.GetGrain<IUserGrain>(userId).Preferences()).ReminderMinutes;
        return Ics(SessionCalendar.Write(shown.OrderBy(s => s.StartTime), links.SessionPage, alarm, "DeepWork Map"));
    }

    /// <summary>A feed's address is a secret, and a session's file may hold its venue: SecurityHeaders keeps both from caches.</summary>
    private static ContentHttpResult Ics(string body) => TypedResults.Text(body, SessionCalendar.ContentType);
}
