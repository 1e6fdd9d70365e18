namespace DeepWorkMap.Contracts.Api;

/// <summary>What <c>GET /api/me/notifications</c> answers: a page, newest first, and how many are unread in all.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationDto> Items, int UnreadCount);
