using DeepWorkMap.Server.Time;

namespace DeepWorkMap.Server.Series;

/// <summary>
/// When a weekly series meets: on each chosen weekday within <c>weeks × 7</c> days of the first start, at the
/// first start's wall-clock time in the host's time zone, so a 19:00 group stays at 19:00 across DST changes.
/// </summary>
public static class WeeklyOccurrences
{
    public static IReadOnlyList<DateTimeOffset> Of(DateTimeOffset firstStart, IReadOnlySet<DayOfWeek> days, int weeks, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(firstStart, zone);
        var starts = new List<DateTimeOffset>();
        for (var day = 0; day < weeks * 7; day++)
        {
            var date = local.Date.AddDays(day);
            if (days.Contains(date.DayOfWeek)) starts.Add(WallClock.InstantOf(date + local.TimeOfDay, zone));
        }
        return starts;
    }
}
