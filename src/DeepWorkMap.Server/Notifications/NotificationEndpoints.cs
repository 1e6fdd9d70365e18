using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Server.Web;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Notifications;

/// <summary>The "Notifications" part of docs/api.md: the caller's inbox, preferences and calendar feed.</summary>
public static class NotificationEndpoints
{
    public static void MapNotifications(this IEndpointRouteBuilder routes)
    {
        routes.MapUnsubscribe();
        var me = routes.MapGroup("/api/me").WithTags("Notifications").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapGet("/notifications", Page).WithSummary("Your inbox, newest first").ProducesProblem(StatusCodes.Status400BadRequest);
        me.MapPost("/notifications/read", MarkRead).WithSummary("Mark a notification and every older one read").ProducesProblem(StatusCodes.Status400BadRequest);
        me.MapGet("/preferences", async (Caller caller, NotificationPreferences preferences) => TypedResults.Ok(await preferences.ReadAsync(caller)))
            .WithSummary("Your preferences");
        me.MapPut("/preferences", SetPreferences).WithSummary("Replace your preferences").ProducesProblem(StatusCodes.Status400BadRequest);
        me.MapPost("/calendar-feed/rotate", async (Caller caller, IGrainFactory grains, PublicLinks links) =>
                TypedResults.Ok(new CalendarFeedDto(links.CalendarFeed(await grains.GetGrain<IUserGrain>(caller.Id).RotateCalendarFeed()))))
            .WithSummary("Give your calendar feed a new secret address");
    }

    private static async Task<Results<Ok<NotificationPage>, ProblemHttpResult>> Page(
        [QueryParameter("The id of the last notification of the previous page: this page holds older ones.", Format = "uuid")] string? before,
        [QueryParameter("Notifications per page.", Type = "integer", Minimum = 1, Maximum = Inbox.MaxPageSize, Default = "30")] string? limit,
        Caller me, Inbox inbox, CancellationToken cancellationToken) =>
        (await inbox.PageAsync(me, before, limit, cancellationToken)).OrOk();

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(MarkReadRequest? request, Caller me, Inbox inbox, CancellationToken cancellationToken) =>
        (await inbox.MarkReadAsync(me, request?.UpTo, cancellationToken)).OrNoContent();

    private static async Task<Results<Ok<PreferencesDto>, ProblemHttpResult>> SetPreferences(PreferencesDto? request, Caller me, NotificationPreferences preferences) =>
        (await preferences.ReplaceAsync(me, request)).OrOk();
}
