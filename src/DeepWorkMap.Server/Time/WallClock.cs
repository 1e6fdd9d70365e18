namespace DeepWorkMap.Server.Time;

/// <summary>Wall-clock times in an IANA time zone, and the instants they name.</summary>
public static class WallClock
{
    /// <summary>
    /// The instant a wall-clock time names in the zone. A time the clocks skip (spring forward) moves on by the
    /// skipped amount, as calendar apps do; a time that happens twice (fall back) is the first of the two.
    /// </summary>
    public static DateTimeOffset InstantOf(DateTime wallClock, TimeZoneInfo zone)
    {
        wallClock = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wallClock))
        {
            var before = zone.GetUtcOffset(wallClock.AddHours(-12));
            var after = zone.GetUtcOffset(wallClock.AddHours(12));
            wallClock += after - before;
        }
        var offset = zone.IsAmbiguousTime(wallClock) ? zone.GetAmbiguousTimeOffsets(wallClock).Max() : zone.GetUtcOffset(wallClock);
        return new DateTimeOffset(wallClock, offset).ToUniversalTime();
    }

    /// <summary>The first instant of a local day (not always midnight: some zones skip it).</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone) => InstantOf(day.ToDateTime(TimeOnly.MinValue), zone);

    /// <summary>The local day an instant falls on.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>A stored zone name, or UTC for one this machine does not know.</summary>
    public static TimeZoneInfo Zone(string name) => TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : TimeZoneInfo.Utc;
}
