namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// What names a session in a list of the user's own (its catalog row's title, times and status): enough to show and
/// order it, and say whether it is over, without waking its grain.
/// </summary>
public sealed record SessionHeading(Guid Id, string Title, DateTimeOffset StartTime, DateTimeOffset EndTime, string Status);
