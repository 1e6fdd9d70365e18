using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.Server.Web;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;

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
        me.MapGet("/notifications", Page).WithSummary("Your inbox, newest first").ProducesProblem(StatusCodes.Status400BadRequest);
        me.MapPost("/notifications/read", MarkRead).WithSummary("Mark a notification and every older one read").ProducesProblem(StatusCodes.Status400BadRequest);
        me.MapGet("/preferences", async (Caller caller, IGrainFactory grains) =>
                TypedResults.Ok(PreferenceRules.ToDto(await grains.GetGrain<IUserGrain>(caller.Id).Preferences())))
            .WithSummary("Your preferences");
        me.MapPut("/preferences", SetPreferences).WithSummary("Replace your preferences").ProducesProblem(StatusCodes.Status400BadRequest);
        me.MapPost("/calendar-feed/rotate", async (Caller caller, IGrainFactory grains, PublicLinks links) =>
                TypedResults.Ok(new CalendarFeedDto(links.CalendarFeed(await grains.GetGrain<IUserGrain>(caller.Id).RotateCalendarFeed()))))
            .WithSummary("Give your calendar feed a new secret address");
    }

    private static async Task<Results<Ok<NotificationPage>, ProblemHttpResult>> Page(
        [QueryParameter("The id of the last notification of the previous page: this page holds older ones.", Format = "uuid")] string? before,
        [QueryParameter("Notifications per page.", Type = "integer", Minimum = 1, Maximum = MaxPageSize, Default = "30")] string? limit,
        Caller me, INotificationStore inbox, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Guid? from = null;
        if (before is not null && Guid.TryParse(before, out var id)) from = id;
        else if (before is not null) errors["before"] = ["Before must be a notification id."];
        var size = DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > MaxPageSize))
            errors["limit"] = [$"Limit must be 1 to {MaxPageSize}."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        var page = await inbox.PageAsync(me.Id, from, size, cancellationToken);
        return TypedResults.Ok(new NotificationPage(page.Select(NotificationDto.Of).ToList(), await inbox.UnreadCountAsync(me.Id, cancellationToken)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(
        MarkReadRequest? request, Caller me, INotificationStore inbox, Clock clock, CancellationToken cancellationToken)
    {
        if (request?.UpTo is not { } upTo) return ApiProblem.Validation("upTo", "upTo must be the id of a notification.");
        await inbox.MarkReadAsync(me.Id, upTo, clock.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<PreferencesDto>, ProblemHttpResult>> SetPreferences(PreferencesDto? request, Caller me, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        if (PreferenceRules.Validate(request, errors) is not { } preferences) return ApiProblem.Validation(errors);
        await grains.GetGrain<IUserGrain>(me.Id).SetPreferences(preferences);
        return TypedResults.Ok(PreferenceRules.ToDto(preferences));
    }
}
