namespace DeepWorkMap.Contracts.Api;

/// <summary>A stretch of focus in the account export: the session, when, and the time zone its day was counted in.</summary>
public sealed record FocusTimeDto(Guid SessionId, DateTimeOffset StartedAt, DateTimeOffset EndedAt, string TimeZone);
