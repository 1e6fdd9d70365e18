namespace DeepWorkMap.Contracts.Api;

/// <summary>One entry of <c>GET /api/me/unread</c>: messages of others after the caller's read marker in a session they take part in.</summary>
public sealed record UnreadDto(Guid SessionId, long Unread);
