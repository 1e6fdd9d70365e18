using DeepWorkMap.Grains.Focus;
using DeepWorkMap.Server.Time;

namespace DeepWorkMap.Server.Stats;

/// <summary>A user's focus time per local day, and their streaks of days with enough of it.</summary>
public static class FocusDays
{
    /// <summary>A day counts toward a streak with at least this many focused minutes.</summary>
    public const int StreakMinutes = 25;

    /// <summary>
    /// One user's focused time per local day. Overlapping intervals (sessions open in two tabs, or one session's
    /// activations before and after a lost silo) count once. Each stretch is split at local midnights of the zone its
    /// user had when it began, so a day of 23 or 25 hours holds what really happened in it, and moving to another zone
    /// does not move days already counted.
    /// </summary>
    public static SortedDictionary<DateOnly, TimeSpan> Tally(IEnumerable<FocusSpan> spans)
    {
        var days = new SortedDictionary<DateOnly, TimeSpan>();
        FocusSpan? stretch = null;
        foreach (var span in spans.OrderBy(s => s.StartedAt))
        {
            if (stretch is not null && span.StartedAt <= stretch.EndedAt)
            {
                if (span.EndedAt > stretch.EndedAt) stretch = stretch with { EndedAt = span.EndedAt };
                continue;
            }
            if (stretch is not null) AddByDay(days, stretch);
            stretch = span;
        }
        if (stretch is not null) AddByDay(days, stretch);
        return days;
    }

    private static void AddByDay(SortedDictionary<DateOnly, TimeSpan> days, FocusSpan stretch)
    {
        var zone = WallClock.Zone(stretch.TimeZone);
        var from = stretch.StartedAt;
        while (from < stretch.EndedAt)
        {
            var day = WallClock.DayOf(from, zone);
            var nextDay = WallClock.StartOf(day.AddDays(1), zone);
            // Where clocks fall back across midnight the next day begins twice; the rest then stays with this one.
            var to = nextDay > from && nextDay < stretch.EndedAt ? nextDay : stretch.EndedAt;
            days[day] = days.GetValueOrDefault(day) + (to - from);
            from = to;
        }
    }

    /// <summary>One user's focused time between two instants, overlaps counted once.</summary>
    public static TimeSpan Within(IEnumerable<FocusSpan> spans, DateTimeOffset from, DateTimeOffset to)
    {
        var clipped = spans
            .Select(s => s with { StartedAt = s.StartedAt > from ? s.StartedAt : from, EndedAt = s.EndedAt < to ? s.EndedAt : to })
            .Where(s => s.EndedAt > s.StartedAt);
        return Tally(clipped).Values.Aggregate(TimeSpan.Zero, (sum, day) => sum + day);
    }

    /// <summary>Whole minutes: a day's seconds short of a minute do not make one.</summary>
    public static int Minutes(TimeSpan time) => (int)(time.Ticks / TimeSpan.TicksPerMinute);

    public static bool Counts(IReadOnlyDictionary<DateOnly, TimeSpan> days, DateOnly day) =>
        days.TryGetValue(day, out var time) && Minutes(time) >= StreakMinutes;

    /// <summary>Days in a row with enough focus, up to today, or up to yesterday while today is not there yet.</summary>
    public static int CurrentStreak(IReadOnlyDictionary<DateOnly, TimeSpan> days, DateOnly today)
    {
        var day = Counts(days, today) ? today : today.AddDays(-1);
        var streak = 0;
        for (; Counts(days, day); day = day.AddDays(-1)) streak++;
        return streak;
    }

    /// <summary>The longest run of days in a row with enough focus, ever.</summary>
    public static int BestStreak(IReadOnlyDictionary<DateOnly, TimeSpan> days)
    {
        int best = 0, run = 0;
        DateOnly? previous = null;
        foreach (var day in days.Keys.Where(day => Counts(days, day)).Order())
        {
            run = previous == day.AddDays(-1) ? run + 1 : 1;
            best = Math.Max(best, run);
            previous = day;
        }
        return best;
    }
}
