using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Notifications;

/// <summary>A user's notifications, newest first a page at a time with the unread count, and marking them read.</summary>
public sealed class Inbox(INotificationStore notifications, Clock clock)
{
    public const int DefaultPageSize = 30;
    public const int MaxPageSize = 100;

    public async Task<(NotificationPage? Page, Refusal? Refusal)> PageAsync(Caller me, string? before, string? limit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (from, size) = ReadPage(before, limit, errors);
        if (errors.Count > 0) return (null, Refusal.Validation(errors));
        var page = await notifications.PageAsync(me.Id, from, size, cancellationToken);
        return (new NotificationPage(page.Select(NotificationDto.Of).ToList(), await notifications.UnreadCountAsync(me.Id, cancellationToken)), null);
    }

    /// <summary>The cursor and page size a query asks for; <paramref name="errors"/> names the parameters at fault.</summary>
    public static (Guid? Before, int Size) ReadPage(string? before, string? limit, Dictionary<string, string[]> errors)
    {
        Guid? from = null;
        if (before is not null && Guid.TryParse(before, out var id)) from = id;
        else if (before is not null) errors["before"] = ["Before must be a notification id."];
        var size = DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > MaxPageSize))
            errors["limit"] = [$"Limit must be 1 to {MaxPageSize}."];
        return (from, size);
    }

    /// <summary>Marks <paramref name="upTo"/> and every older notification read; null once done.</summary>
    public async Task<Refusal?> MarkReadAsync(Caller me, Guid? upTo, CancellationToken cancellationToken)
    {
        if (upTo is not { } newest) return Refusal.Validation("upTo", "upTo must be the id of a notification.");
        await notifications.MarkReadAsync(me.Id, newest, clock.GetUtcNow(), cancellationToken);
        return null;
    }
}
