using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Focus;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.Server.Time;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Stats;

/// <summary>Focus stats read from the focus log: a user's days and streaks, their public summary, and the weekly leaderboard.</summary>
public sealed class FocusStats(IFocusLog log, IGrainFactory grains, UserDirectory users, Clock clock)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;

    /// <summary>The days a range may name: nobody focused before the first, and the last leaves room to count on from.</summary>
    public static readonly DateOnly FirstDay = new(1970, 1, 1);

    public static readonly DateOnly LastDay = new(2999, 12, 31);

    public Task<UserPreferences> PreferencesOf(Guid userId) => grains.GetGrain<IUserGrain>(userId).Preferences();

    /// <summary>Today in <paramref name="zone"/>.</summary>
    public DateOnly Today(TimeZoneInfo zone) => WallClock.DayOf(clock.GetUtcNow(), zone);

    private DateTimeOffset StartOfToday(TimeZoneInfo zone) => WallClock.StartOf(Today(zone), zone);

    /// <summary>The user's days from <paramref name="from"/> to <paramref name="to"/> (local, inclusive), and their streaks.</summary>
    public async Task<FocusStatsDto> DaysAsync(Guid userId, UserPreferences preferences, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var days = FocusDays.Tally(await log.SpansAsync([userId], null, null, cancellationToken));
        var today = Today(WallClock.Zone(preferences.TimeZone));
        var range = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1)
            .Select(offset => from.AddDays(offset))
            .Select(day => new StatsDayDto(day, FocusDays.Minutes(days.GetValueOrDefault(day))))
            .ToList();
        return new FocusStatsDto(preferences.TimeZone, from, to, range, range.Sum(d => d.FocusedMinutes),
            FocusDays.CurrentStreak(days, today), FocusDays.BestStreak(days), FocusDays.StreakMinutes, preferences.StatsHidden);
    }

    /// <summary>
    /// All-time total, the last seven days, and the streaks. The owner's run to now (today included); anyone else's end with
    /// the owner's yesterday: minutes that grow while the owner focuses would tell a stranger that they are at a session
    /// right now, which the participant list keeps from outsiders.
    /// </summary>
    public async Task<PublicStatsDto> SummaryAsync(Guid userId, UserPreferences preferences, bool forOwner, CancellationToken cancellationToken)
    {
        var zone = WallClock.Zone(preferences.TimeZone);
        var today = forOwner ? Today(zone) : Today(zone).AddDays(-1);
        var days = FocusDays.Tally(await log.SpansAsync([userId], null, null, cancellationToken)).Where(d => d.Key <= today).ToDictionary();
        var week = days.Where(d => d.Key > today.AddDays(-7) && d.Key <= today).Sum(d => FocusDays.Minutes(d.Value));
        return new PublicStatsDto(userId, days.Values.Sum(FocusDays.Minutes), week,
            FocusDays.CurrentStreak(days, today), FocusDays.BestStreak(days));
    }

    /// <summary>
    /// This week (Monday to Sunday in the viewer's zone) for the viewer and the people they follow who show their
    /// stats: each one's focus within the week's instants, most first; the viewer's up to now, each other's up to the start
    /// of their own today in their own zone (as <see cref="SummaryAsync"/>: a cut in the viewer's zone, which the viewer
    /// chooses, would show who is focusing now). Two grain calls per person followed.
    /// </summary>
    public async Task<LeaderboardDto> LeaderboardAsync(Guid viewerId, CancellationToken cancellationToken)
    {
        var viewer = grains.GetGrain<IUserGrain>(viewerId);
        var zoneName = (await viewer.Preferences()).TimeZone;
        var zone = WallClock.Zone(zoneName);
        var today = Today(zone);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var (start, end) = (WallClock.StartOf(monday, zone), WallClock.StartOf(monday.AddDays(7), zone));

        var followed = await viewer.Following();
        // A closed account is nobody's to rank, and a hidden one keeps to itself.
        var shown = await Task.WhenAll(followed.Distinct().Where(id => id != viewerId).Select(async id =>
        {
            var preferences = await PreferencesOf(id);
            return (id, preferences.TimeZone, visible: await grains.GetGrain<IAccountGrain>(id).IsOpen() && !preferences.StatsHidden);
        }));
        var cuts = shown.Where(p => p.visible).ToDictionary(p => p.id, p => StartOfToday(WallClock.Zone(p.TimeZone)));
        cuts[viewerId] = end;
        var people = cuts.Keys.ToList();
        var spans = await log.SpansAsync(people, start, end, cancellationToken);
        var names = await users.FindManyAsync(people, cancellationToken);
        var minutes = people.ToDictionary(id => id, id =>
            FocusDays.Minutes(FocusDays.Within(spans.Where(s => s.UserId == id), start, cuts[id] < end ? cuts[id] : end)));

        var ordered = people.Where(names.ContainsKey)
            .OrderByDescending(id => minutes[id]).ThenBy(id => names[id].DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList();
        var entries = ordered.Select(id => new LeaderboardEntryDto(
            1 + ordered.Count(other => minutes[other] > minutes[id]), names[id], minutes[id], id == viewerId)).ToList();
        return new LeaderboardDto(zoneName, monday, monday.AddDays(6), entries);
    }
}
