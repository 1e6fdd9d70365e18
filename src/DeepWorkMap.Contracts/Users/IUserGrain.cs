using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Users;

/// <summary>
/// One user as the service reaches out to them (key: user id): their inbox and their preferences. Reads the stores
/// once per activation; it is the only writer of the user's preferences.
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

    [Alias("Preferences")] Task<UserPreferences> Preferences();

    [Alias("SetPreferences")] Task SetPreferences(UserPreferences preferences);

    /// <summary>The secret of the user's calendar feed, made on first asking.</summary>
    [Alias("CalendarFeedToken")] Task<string> CalendarFeedToken();

    /// <summary>Replaces the feed's secret: the old address stops working.</summary>
    [Alias("RotateCalendarFeed")] Task<string> RotateCalendarFeed();
}
