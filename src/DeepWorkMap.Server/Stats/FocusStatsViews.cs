using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;
using DeepWorkMap.Server.Time;

namespace DeepWorkMap.Server.Stats;

/// <summary>What a caller may see of focus stats: their own days over a range (<see cref="FocusRange"/>), and another user's summary unless hidden.</summary>
public sealed class FocusStatsViews(FocusStats stats, AccountGuard guard)
{
    public async Task<(FocusStatsDto? Stats, Refusal? Refusal)> MineAsync(Caller me, string? from, string? to, CancellationToken cancellationToken)
    {
        var preferences = await stats.PreferencesOf(me.Id);
        var (range, refusal) = FocusRange.Read(from, to, stats.Today(WallClock.Zone(preferences.TimeZone)));
        if (range is not { } days) return (null, refusal);
        return (await stats.DaysAsync(me.Id, preferences, days.First, days.Last, cancellationToken), null);
    }

    /// <summary>A user the caller cannot see is not found; one who hides their stats refuses everyone but themselves.</summary>
    public async Task<(PublicStatsDto? Stats, Refusal? Refusal)> OfUserAsync(Caller me, Guid userId, CancellationToken cancellationToken)
    {
        if (!await guard.ShowsAsync(me.Id, userId)) return (null, Refusal.NotFound("The user"));
        var preferences = await stats.PreferencesOf(userId);
        if (me.Id != userId && preferences.StatsHidden) return (null, Refusal.StatsHidden);
        return (await stats.SummaryAsync(userId, preferences, forOwner: me.Id == userId, cancellationToken), null);
    }
}
