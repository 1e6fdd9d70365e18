using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Sessions;
using DeepWorkMap.Server.Web;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Calendar;

/// <summary>
/// The .ics files (<see cref="SessionCalendar"/>): one session as its viewer may see it, and a user's feed, found by
/// its secret token alone. Each event's reminder is the reader's own (<see cref="AlarmMinutes"/>).
/// </summary>
public sealed class CalendarFiles(
    IPreferencesStore preferences, ISessionCatalog catalog, SessionGrains sessions, IGrainFactory grains, PublicLinks links, AccountGuard accounts)
{
    /// <summary>A feed holds at most this many sessions, the latest first.</summary>
    public const int MaxFeedSessions = 500;

    private const string FeedExtension = ".ics";

    /// <summary>The session's file, or not found when the viewer (signed in or not, with the invite or not) may not see it.</summary>
    public async Task<(string? Ics, Refusal? Refusal)> SessionAsync(Guid sessionId, Guid? viewerId, string? invite)
    {
        if (await sessions.Get(sessionId).View(viewerId, invite) is not { } session) return (null, Refusal.NotFound("The session"));
        var alarm = AlarmMinutes(viewerId is { } userId ? await PreferencesOf(userId) : null);
        return (SessionCalendar.Write([session], links.SessionPage, alarm, session.Title), null);
    }

    /// <summary>The feed at <c>{token}.ics</c>: the owner's sessions they may still see, by start time.</summary>
    public async Task<(string? Ics, Refusal? Refusal)> FeedAsync(string file, CancellationToken cancellationToken)
    {
        // The token is the whole key: an unknown one looks like any missing address, and so does a closed or suspended
        // account's, whose other keys (its tokens) stopped working too.
        if (FeedToken(file) is not { } token || await preferences.FeedOwnerAsync(token, cancellationToken) is not { } userId
            || !await accounts.IsOpenAsync(userId))
            return (null, Refusal.NotFound("The calendar"));
        var mine = await catalog.SessionsOfAsync(userId, MaxFeedSessions, cancellationToken);
        var shown = (await Task.WhenAll(mine.Select(session => sessions.Get(session.Id).View(userId, null)))).OfType<SessionSnapshot>();
        var alarm = AlarmMinutes(await PreferencesOf(userId));
        return (SessionCalendar.Write(shown.OrderBy(s => s.StartTime), links.SessionPage, alarm, "DeepWork Map"), null);
    }

    /// <summary>
    /// A signed-in reader's own reminder, none if they turned reminders off; someone signed out gets
    /// <see cref="UserPreferences.DefaultReminderMinutes"/>.
    /// </summary>
    public static int? AlarmMinutes(UserPreferences? reader) => reader is null ? UserPreferences.DefaultReminderMinutes : reader.ReminderMinutes;

    /// <summary>The token a feed's file name carries, or null for a name that is no feed's.</summary>
    public static string? FeedToken(string file) => file.EndsWith(FeedExtension, StringComparison.Ordinal) ? file[..^FeedExtension.Length] : null;

    private Task<UserPreferences> PreferencesOf(Guid userId) => grains.GetGrain<IUserGrain>(userId).Preferences();
}
