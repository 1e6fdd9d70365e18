namespace DeepWorkMap.Contracts.Api;

/// <summary>
/// One entry of <c>GET /api/me/unread</c>: messages of others after the caller's read marker in a session they take part
/// in, with the session's title, times and status, so the page can list the caller's sessions wherever they are and say
/// which are live, ended or cancelled.
/// </summary>
public sealed record UnreadDto(Guid SessionId, long Unread, string Title, DateTimeOffset StartTime, DateTimeOffset EndTime, string Status);
