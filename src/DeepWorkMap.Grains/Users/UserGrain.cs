using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Sessions;

namespace DeepWorkMap.Grains.Users;

/// <summary>
/// The user as the service reaches out to them: stores what they are told, once, and passes it to their live
/// connections through their <see cref="IAccountGrain"/> (which knows the front doors holding them).
/// </summary>
public sealed class UserGrain(INotificationStore inbox, IPreferencesStore preferences, IFollowStore follows, Clock clock) : Grain, IUserGrain
{
    private UserPreferences? _preferences;
    private string? _feedToken;
    private List<Guid>? _following;
    private List<Guid>? _saved;

    private Guid UserId => this.GetPrimaryKey();

    /// <summary>
    /// Stores the notice unless the user mutes its kind (the store checks, in the same write) and pushes it if stored. It
    /// reads no preferences: most notices (a seat from the waitlist) reach a user grain that is not active, and a read per
    /// notice on activation was the largest part of a promoting leave's cost besides its own state write.
    /// </summary>
    public async Task Notify(Notice notice)
    {
        if (await inbox.AddUnlessMutedAsync(UserId, notice, clock.GetUtcNow()) is not { } stored) return;
        DeepWorkMetrics.Notifications.Add(1);
        GrainFactory.GetGrainFast<IAccountGrain>(UserId).Notified(stored).Ignore();
    }

    public async Task RemindOf(SessionSnapshot session, int leadMinutes)
    {
        if ((await Loaded()).ReminderMinutes != leadMinutes) return;
        var local = TimeZoneInfo.ConvertTime(session.StartTime, ZoneOf(_preferences!));
        // One reminder per start: a session moved to another time reminds again.
        await Notify(new Notice(NotificationKinds.SessionReminder, session.Id, session.StartTime.UtcDateTime.ToString("O"),
            $"{session.Title} starts in {leadMinutes} minutes", $"At {local:HH:mm} ({_preferences!.TimeZone}).", session.Id, session.StartTime));
    }

    public async Task<UserPreferences> Preferences() => await Loaded();

    public async Task SetPreferences(UserPreferences changed)
    {
        await Loaded();
        await preferences.SaveAsync(UserId, changed);
        _preferences = changed;
    }

    public async Task<string> CalendarFeedToken()
    {
        await Loaded();
        return _feedToken ??= await SaveNewToken();
    }

    public async Task<string> RotateCalendarFeed()
    {
        await Loaded();
        return _feedToken = await SaveNewToken();
    }

    public async Task SetFollowing(Guid otherId, bool following)
    {
        var list = _following ??= [.. await follows.FollowingAsync(UserId)];
        if (list.Contains(otherId) == following) return;
        await follows.SetFollowingAsync(UserId, otherId, following);
        if (following) list.Add(otherId);
        else list.Remove(otherId);
    }

    public async Task<IReadOnlyList<Guid>> Following() => [.. _following ??= [.. await follows.FollowingAsync(UserId)]];

    public async Task SetSaved(Guid sessionId, bool saved)
    {
        var list = _saved ??= [.. await follows.SavedAsync(UserId)];
        if (list.Contains(sessionId) == saved) return;
        await follows.SetSavedAsync(UserId, sessionId, saved);
        if (saved) list.Add(sessionId);
        else list.Remove(sessionId);
    }

    public async Task<IReadOnlyList<Guid>> Saved() => [.. _saved ??= [.. await follows.SavedAsync(UserId)]];

    private async Task<string> SaveNewToken()
    {
        var token = InviteCodes.New();
        await preferences.SaveFeedTokenAsync(UserId, token);
        return token;
    }

    private async Task<UserPreferences> Loaded()
    {
        if (_preferences is null) (_preferences, _feedToken) = await preferences.LoadAsync(UserId);
        return _preferences;
    }

    private static TimeZoneInfo ZoneOf(UserPreferences preferences) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(preferences.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
