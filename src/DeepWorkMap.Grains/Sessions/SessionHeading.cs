namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// What names a session in a list of the user's own (its catalog row's title and start): enough to show and order it
/// without waking its grain.
/// </summary>
public sealed record SessionHeading(Guid Id, string Title, DateTimeOffset StartTime);
