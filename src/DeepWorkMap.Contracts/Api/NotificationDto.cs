using DeepWorkMap.Contracts.Users;

namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>Notification</c>.</summary>
public sealed record NotificationDto(
    Guid Id, string Kind, string Title, string Body, Guid? SessionId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, DateTimeOffset? StartTime)
{
    public static NotificationDto Of(Notification n) => new(n.Id, n.Kind, n.Title, n.Body, n.SessionId, n.CreatedAt, n.ReadAt, n.StartTime);
}
