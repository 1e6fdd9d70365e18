using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Users;

/// <summary>
/// One user as the service reaches out to them (key: user id): their inbox, preferences, follows and saved sessions.
/// Reads the stores once per activation; it is the only writer of the user's rows in them.
/// </summary>
[Alias("DeepWorkMap.IUserGrain")]
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Stores the notice in the inbox unless the user mutes its kind or has it already, then tells the user's
    /// connections. Idempotent: sending the same notice again stores and tells nothing more.
    /// </summary>
    [Alias("Notify")] Task Notify(Notice notice);

    /// <summary>A session the user takes part in starts in <paramref name="leadMinutes"/>: a reminder if that is the user's lead time.</summary>
    [Alias("RemindOf")] Task RemindOf(SessionSnapshot session, int leadMinutes);

    [RetrySafe, Alias("Preferences")] Task<UserPreferences> Preferences();

    [RetrySafe, Alias("SetPreferences")] Task SetPreferences(UserPreferences preferences);

    /// <summary>The secret of the user's calendar feed, made on first asking.</summary>
    [RetrySafe, Alias("CalendarFeedToken")] Task<string> CalendarFeedToken();

    /// <summary>Replaces the feed's secret: the old address stops working.</summary>
    [Alias("RotateCalendarFeed")] Task<string> RotateCalendarFeed();

    /// <summary>Follows (or stops following) another user; doing it twice changes nothing.</summary>
    [RetrySafe, Alias("SetFollowing")] Task SetFollowing(Guid otherId, bool following);

    /// <summary>Whom the user follows, in the order they started.</summary>
    [RetrySafe, Alias("Following")] Task<IReadOnlyList<Guid>> Following();

    /// <summary>Saves (or forgets) a session to come back to; doing it twice changes nothing.</summary>
    [RetrySafe, Alias("SetSaved")] Task SetSaved(Guid sessionId, bool saved);

    /// <summary>The sessions the user saved, in the order saved.</summary>
    [RetrySafe, Alias("Saved")] Task<IReadOnlyList<Guid>> Saved();
}
