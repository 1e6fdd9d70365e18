using System.Globalization;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Stats;

/// <summary>The "Focus stats" part of docs/api.md: the caller's days and streaks, the weekly leaderboard, and others' summaries.</summary>
public static class StatsEndpoints
{
    public static void MapStats(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Focus stats").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapGet("/me/stats", Mine).WithSummary("Your focused time by day, and your streaks").ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/me/leaderboard", async (Caller me, FocusStats stats, CancellationToken cancellationToken) =>
                TypedResults.Ok(await stats.LeaderboardAsync(me.Id, cancellationToken)))
            .WithSummary("This week's focused time of you and those you follow");
        api.MapGet("/users/{id:guid}/stats", OfUser).WithSummary("A user's focus summary")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<FocusStatsDto>, ProblemHttpResult>> Mine(
        [QueryParameter(DayRule + " The first day; default: 29 days before to.", Format = "date")] string? from,
        [QueryParameter(DayRule + " The last day, at most 366 days after from; default: today in your time zone.", Format = "date")] string? to,
        Caller me, FocusStats stats, CancellationToken cancellationToken)
    {
        var userId = me.Id;
        var preferences = await stats.PreferencesOf(userId);
        var errors = new Dictionary<string, string[]>();
        var last = ParseDay(to, "to", errors) ?? stats.Today(WallClock.Zone(preferences.TimeZone));
        var first = ParseDay(from, "from", errors) ?? last.AddDays(1 - FocusStats.DefaultDays);
        if (errors.Count == 0 && (first > last || last.DayNumber - first.DayNumber >= FocusStats.MaxDays))
            errors["from"] = [$"from must not be after to, and the range at most {FocusStats.MaxDays} days."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        return TypedResults.Ok(await stats.DaysAsync(userId, preferences, first, last, cancellationToken));
    }

    /// <summary>
    /// A day as <c>yyyy-MM-dd</c>, within <see cref="FocusStats.FirstDay"/> and <see cref="FocusStats.LastDay"/>: the
    /// default range counts back from <c>to</c>, and days are turned into instants in the user's zone, which the
    /// calendar's very first and last days do not survive.
    /// </summary>
    private static DateOnly? ParseDay(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day >= FocusStats.FirstDay && day <= FocusStats.LastDay) return day;
        errors[field] = [$"{field} must be a date as yyyy-MM-dd, from {FocusStats.FirstDay:yyyy-MM-dd} to {FocusStats.LastDay:yyyy-MM-dd}."];
        return null;
    }

    private const string DayRule = "A day as yyyy-MM-dd, from 1970-01-01 to 2999-12-31.";

    private static async Task<Results<Ok<PublicStatsDto>, ProblemHttpResult>> OfUser(
        Guid id, Caller me, AccountGuard guard, FocusStats stats, CancellationToken cancellationToken)
    {
        if (!await guard.ShowsAsync(me.Id, id)) return ApiProblem.NotFound("The user");
        var preferences = await stats.PreferencesOf(id);
        if (me.Id != id && preferences.StatsHidden)
            return Refusal.StatsHidden.ToProblem();
        return TypedResults.Ok(await stats.SummaryAsync(id, preferences, cancellationToken));
    }
}
