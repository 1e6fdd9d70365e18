namespace DeepWorkMap.Grains.Focus;

/// <summary>
/// A stretch of time a participant counted as focusing in one session: present and active while it was live and, if
/// it has a timer, in a running focus phase. Keyed by (user, session, start); a later write of the same key only ever
/// moves its end on.
/// </summary>
public sealed record FocusInterval(Guid UserId, Guid SessionId, DateTimeOffset StartedAt, DateTimeOffset EndedAt);
