using System.Text.Json;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Server.Notifications;

namespace DeepWorkMap.Server.Push;

/// <summary>
/// The push of a stored notification (docs/api.md, "Web Push"): small JSON the service worker shows as a system
/// notification. Its start is written in the owner's time zone as the mail writes it, and given as a time too.
/// Nothing goes to a closed or suspended account, or of a kind its owner muted.
/// </summary>
public static class PushPayloads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Payload(Guid Id, string Kind, string Title, string Body, string Url, DateTimeOffset? StartTime);

    public static string? Compose(PushableNotification owner)
    {
        var n = owner.Notification;
        if (!owner.MayReceive || owner.MutedKinds.Contains(n.Kind)) return null;
        var body = n.StartTime is { } start
            ? $"{n.Body}\n{(n.Kind == NotificationKinds.SessionCancelled ? "It was to start" : "Starts")} {NotificationMails.InZone(start, owner.TimeZone)}."
            : n.Body;
        // Relative: the service worker opens it on its own origin, whatever address the server is reached at.
        var url = n.SessionId is { } sessionId ? $"/?session={sessionId}" : "/";
        return JsonSerializer.Serialize(new Payload(n.Id, n.Kind, n.Title, body, url, n.StartTime), Json);
    }
}
