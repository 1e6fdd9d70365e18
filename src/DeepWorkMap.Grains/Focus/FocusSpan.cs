namespace DeepWorkMap.Grains.Focus;

/// <summary>A stored focus interval as stats read it: whose, in which session, when, and the IANA time zone its user had when it began.</summary>
public sealed record FocusSpan(Guid UserId, Guid SessionId, DateTimeOffset StartedAt, DateTimeOffset EndedAt, string TimeZone);
