namespace DeepWorkMap.Contracts.Api;

/// <summary>The hub's <c>participantCheckedIn</c> event, sent to the host's connections only.</summary>
public sealed record CheckedInEvent(Guid SessionId, Guid UserId, DateTimeOffset CheckedInAt);
