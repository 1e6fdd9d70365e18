using DeepWorkMap.Grains.Focus;
using DeepWorkMap.Server.Stats;

namespace DeepWorkMap.UnitTests.Stats;

/// <summary>Focus per local day: real elapsed minutes, split at the user's local midnights, across DST and a move.</summary>
public sealed class FocusDaysTests
{
    private static readonly Guid User = Guid.NewGuid();

    private static readonly Guid Session = Guid.NewGuid();

    private static FocusSpan Span(DateTimeOffset from, DateTimeOffset to, string zone = "Europe/Berlin") => new(User, Session, from, to, zone);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static Dictionary<string, int> Minutes(params FocusSpan[] spans) =>
        FocusDays.Tally(spans).ToDictionary(d => d.Key.ToString("yyyy-MM-dd"), d => FocusDays.Minutes(d.Value));

    [Fact]
    public void A_night_across_the_spring_forward_counts_the_hours_that_happened_not_the_wall_clock()
    {
        // Berlin, 28 March 2027: 02:00 CET becomes 03:00 CEST. 23:30 local on the 27th to 03:30 local on the 28th.
        var days = Minutes(Span(Utc(2027, 3, 27, 22, 30), Utc(2027, 3, 28, 1, 30)));
        Assert.Equal(new Dictionary<string, int> { ["2027-03-27"] = 30, ["2027-03-28"] = 150 }, days);
    }

    [Fact]
    public void The_fall_back_day_holds_25_hours()
    {
        // Berlin, 31 October 2027: 03:00 CEST becomes 02:00 CET. From 23:00 on the 30th to 00:30 on 1 November, local.
        var days = Minutes(Span(Utc(2027, 10, 30, 21), Utc(2027, 10, 31, 23, 30)));
        Assert.Equal(new Dictionary<string, int> { ["2027-10-30"] = 60, ["2027-10-31"] = 25 * 60, ["2027-11-01"] = 30 }, days);
    }

    [Fact]
    public void Moving_to_another_zone_keeps_the_days_already_counted_and_counts_new_ones_in_the_new_zone()
    {
        var days = Minutes(
            Span(Utc(2026, 11, 10, 22, 30), Utc(2026, 11, 10, 23, 30)),                       // 23:30–00:30 in Berlin
            Span(Utc(2026, 11, 12, 22, 30), Utc(2026, 11, 13, 5, 30), "America/New_York")); // 17:30–00:30 in New York
        Assert.Equal(new Dictionary<string, int> { ["2026-11-10"] = 30, ["2026-11-11"] = 30, ["2026-11-12"] = 390, ["2026-11-13"] = 30 }, days);
    }

    [Fact]
    public void Overlapping_intervals_count_once()
    {
        // Two sessions at once, and one session's interval written again by a new activation after a lost silo.
        var days = Minutes(
            Span(Utc(2026, 11, 20, 10), Utc(2026, 11, 20, 10, 30)),
            Span(Utc(2026, 11, 20, 10, 15), Utc(2026, 11, 20, 10, 45)),
            Span(Utc(2026, 11, 20, 10), Utc(2026, 11, 20, 10, 20)),
            Span(Utc(2026, 11, 20, 11), Utc(2026, 11, 20, 11, 5)));
        Assert.Equal(50, days["2026-11-20"]);
    }

    [Fact]
    public void Within_counts_only_the_part_inside_the_week_and_overlaps_once()
    {
        var spans = new[] { Span(Utc(2026, 11, 22, 22), Utc(2026, 11, 23, 1)), Span(Utc(2026, 11, 23, 0), Utc(2026, 11, 23, 2)) };
        Assert.Equal(TimeSpan.FromHours(2), FocusDays.Within(spans, Utc(2026, 11, 23, 0), Utc(2026, 11, 30, 0)));
    }

    [Fact]
    public void A_day_needs_25_whole_minutes_for_the_streak_and_today_does_not_break_it_before_it_ends()
    {
        var today = new DateOnly(2026, 11, 27);
        var days = new Dictionary<DateOnly, TimeSpan>
        {
            [today.AddDays(-6)] = TimeSpan.FromMinutes(40),
            [today.AddDays(-5)] = TimeSpan.FromMinutes(25),
            [today.AddDays(-4)] = TimeSpan.FromMinutes(25) - TimeSpan.FromSeconds(1), // 24 whole minutes: breaks it
            [today.AddDays(-3)] = TimeSpan.FromMinutes(30),
            [today.AddDays(-2)] = TimeSpan.FromMinutes(90),
            [today.AddDays(-1)] = TimeSpan.FromMinutes(26),
            [today] = TimeSpan.FromMinutes(10),
        };
        Assert.Equal(3, FocusDays.CurrentStreak(days, today));
        Assert.Equal(3, FocusDays.BestStreak(days));

        days[today] = TimeSpan.FromMinutes(25);
        Assert.Equal(4, FocusDays.CurrentStreak(days, today));
        Assert.Equal(4, FocusDays.BestStreak(days));

        // A day missed yesterday ends the streak, even with today done.
        days.Remove(today.AddDays(-1));
        Assert.Equal(1, FocusDays.CurrentStreak(days, today));
        Assert.Equal(2, FocusDays.BestStreak(days));
    }
}
