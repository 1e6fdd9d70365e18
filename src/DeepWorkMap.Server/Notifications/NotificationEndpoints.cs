using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.Server.Accounts;
using DeepWorkMap.Server.Web;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DeepWorkMap.Server.Notifications;

/// <summary>The "Notifications" part of docs/api.md: the caller's inbox, preferences and calendar feed.</summary>
public static class NotificationEndpoints
{
    public const int DefaultPageSize = 30;
    public const int MaxPageSize = 100;

    public static void MapNotifications(this IEndpointRouteBuilder routes)
    {
        routes.MapUnsubscribe();
        var me = routes.MapGroup("/api/me").WithTags("Notifications").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapGet("/notifications", Page).ProducesProblem(StatusCodes.Status400BadRequest);
        me.MapPost("/notifications/read", MarkRead).ProducesProblem(StatusCodes.Status400BadRequest);
        me.MapGet("/preferences", async (HttpContext http, IGrainFactory grains) =>
            CurrentUser.IdOf(http.User) is { } userId
                ? (Results<Ok<PreferencesDto>, ProblemHttpResult>)TypedResults.Ok(PreferenceRules.ToDto(await grains.GetGrain<IUserGrain>(userId).Preferences()))
                : ApiProblem.Unauthorized());
        me.MapPut("/preferences", SetPreferences).ProducesProblem(StatusCodes.Status400BadRequest);
        me.MapPost("/calendar-feed/rotate", async (HttpContext http, IGrainFactory grains, PublicLinks links) =>
            CurrentUser.IdOf(http.User) is { } userId
                ? (Results<Ok<CalendarFeedDto>, ProblemHttpResult>)TypedResults.Ok(new CalendarFeedDto(
                    links.CalendarFeed(await grains.GetGrain<IUserGrain>(userId).RotateCalendarFeed())))
                : ApiProblem.Unauthorized());
    }

    private static async Task<Results<Ok<NotificationPage>, ProblemHttpResult>> Page(
        HttpRequest request, HttpContext http, INotificationStore inbox, CancellationToken cancellationToken)
    {
        if (CurrentUser.IdOf(http.User) is not { } userId) return ApiProblem.Unauthorized();
        var query = request.Query;
        var errors = new Dictionary<string, string[]>();
        Guid? before = null;
        if (query["before"] is { Count: > 0 } b && Guid.TryParse(b, out var id)) before = id;
        else if (query["before"].Count > 0) errors["before"] = ["Before must be a notification id."];
        var limit = DefaultPageSize;
        if (query["limit"].Count > 0 && (!int.TryParse(query["limit"], out limit) || limit is < 1 or > MaxPageSize))
            errors["limit"] = [$"Limit must be 1 to {MaxPageSize}."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        var page = await inbox.PageAsync(userId, before, limit, cancellationToken);
        return TypedResults.Ok(new NotificationPage(page.Select(NotificationDto.Of).ToList(), await inbox.UnreadCountAsync(userId, cancellationToken)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(
        MarkReadRequest? request, HttpContext http, INotificationStore inbox, Clock clock, CancellationToken cancellationToken)
    {
        if (CurrentUser.IdOf(http.User) is not { } userId) return ApiProblem.Unauthorized();
        if (request?.UpTo is not { } upTo) return ApiProblem.Validation("upTo", "upTo must be the id of a notification.");
        await inbox.MarkReadAsync(userId, upTo, clock.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<PreferencesDto>, ProblemHttpResult>> SetPreferences(PreferencesDto? request, HttpContext http, IGrainFactory grains)
    {
        if (CurrentUser.IdOf(http.User) is not { } userId) return ApiProblem.Unauthorized();
        var errors = new Dictionary<string, string[]>();
        if (PreferenceRules.Validate(request, errors) is not { } preferences) return ApiProblem.Validation(errors);
        await grains.GetGrain<IUserGrain>(userId).SetPreferences(preferences);
        return TypedResults.Ok(PreferenceRules.ToDto(preferences));
    }
}
