using DeepWorkMap.Server.Series;

namespace DeepWorkMap.UnitTests.Series;

/// <summary>Occurrences keep the host's wall-clock time in their IANA zone, across DST changes both ways.</summary>
public sealed class WeeklyOccurrencesTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void Evening_sessions_stay_at_seven_local_when_Berlin_springs_forward()
    {
        // Tuesday 16 March 2027, 19:00 CET (18:00 UTC); Europe moves to CEST on Sunday 28 March.
        var first = new DateTimeOffset(2027, 3, 16, 18, 0, 0, TimeSpan.Zero);
        var starts = WeeklyOccurrences.Of(first, new HashSet<DayOfWeek> { DayOfWeek.Tuesday, DayOfWeek.Thursday }, 3, Berlin);

        Assert.Equal(6, starts.Count);
        Assert.All(starts, s => Assert.Equal(new TimeSpan(19, 0, 0), TimeZoneInfo.ConvertTime(s, Berlin).TimeOfDay));
        Assert.Equal([18, 18, 18, 18, 17, 17], starts.Select(s => s.UtcDateTime.Hour));
        Assert.Equal(first, starts[0]);
    }

    [Fact]
    public void New_York_keeps_six_pm_from_standard_to_daylight_time()
    {
        var first = new DateTimeOffset(2027, 3, 2, 23, 0, 0, TimeSpan.Zero); // Tuesday 18:00 EST
        var starts = WeeklyOccurrences.Of(first, new HashSet<DayOfWeek> { DayOfWeek.Tuesday }, 3, NewYork);
        // The US moves to EDT on Sunday 14 March 2027.
        Assert.Equal([new DateTimeOffset(2027, 3, 2, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 9, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 16, 22, 0, 0, TimeSpan.Zero)], starts);
    }

    [Fact]
    public void A_time_the_clocks_skip_moves_on_by_the_skipped_hour_and_a_time_that_happens_twice_is_the_first()
    {
        // 02:30 on Sunday 28 March 2027 does not exist in Berlin: it is 03:30 CEST (01:30 UTC).
        var spring = WeeklyOccurrences.Of(new DateTimeOffset(2027, 3, 21, 1, 30, 0, TimeSpan.Zero), new HashSet<DayOfWeek> { DayOfWeek.Sunday }, 2, Berlin);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), spring[1]);

        // 02:30 on Sunday 31 October 2027 happens twice: the first, in CEST, is 00:30 UTC.
        var autumn = WeeklyOccurrences.Of(new DateTimeOffset(2027, 10, 24, 0, 30, 0, TimeSpan.Zero), new HashSet<DayOfWeek> { DayOfWeek.Sunday }, 2, Berlin);
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), autumn[1]);
    }

    [Fact]
    public void Only_the_chosen_days_within_weeks_times_seven_days_count()
    {
        // Wednesday 3 March 2027: a Monday/Wednesday series of 2 weeks meets 3, 8, 10, 15 March (not 1 March, not 17).
        var first = new DateTimeOffset(2027, 3, 3, 9, 0, 0, TimeSpan.Zero);
        var starts = WeeklyOccurrences.Of(first, new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Wednesday }, 2, TimeZoneInfo.FindSystemTimeZoneById("Etc/UTC"));
        Assert.Equal([3, 8, 10, 15], starts.Select(s => s.Day));
    }
}
